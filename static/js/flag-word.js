// "Woord van je werk": record the word with the phone's microphone (MediaRecorder, at
// most a few seconds) and put the recording into the form's file field, so the form is
// sent the ordinary way. Without a microphone, or without permission, the learner types
// the word instead; without JavaScript the file field lets the phone's own recorder in.

const form = document.querySelector("[data-role=flag-form]");
const strings = JSON.parse(document.getElementById("flag-strings").textContent);
const box = form.querySelector("[data-role=recorder]");
const fileBox = form.querySelector("[data-role=audio-file]");
const fileInput = fileBox.querySelector("input[type=file]");
const textInput = form.querySelector("input[name=text]");
const button = box.querySelector("[data-role=record]");
const label = box.querySelector("[data-role=record-label]");
const recordIcon = box.querySelector("[data-role=record-icon]");
const stopIcon = box.querySelector("[data-role=stop-icon]");
const status = box.querySelector("[data-role=record-status]");
const playback = box.querySelector("[data-role=playback]");
const discard = box.querySelector("[data-role=discard]");

// The server accepts these three containers; the browser picks the first it can make.
const TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];
const EXTENSIONS = { "audio/webm": "webm", "audio/ogg": "ogg", "audio/mp4": "m4a" };
const MAX_MS = Number(strings.max_seconds) * 1000;

let recorder = null;
let ticker = null;
let stopper = null;
let playbackUrl = null;

function canAttachFiles() {
  try {
    new DataTransfer();
    return true;
  } catch {
    return false;
  }
}

function canRecord() {
  return Boolean(navigator.mediaDevices?.getUserMedia) && "MediaRecorder" in window &&
    canAttachFiles();
}

function chosenType() {
  return TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? "";
}

function show(recording) {
  button.setAttribute("aria-pressed", String(recording));
  button.classList.toggle("is-recording", recording);
  recordIcon.hidden = recording;
  stopIcon.hidden = !recording;
}

function noMicrophone() {
  button.hidden = true;
  status.textContent = strings.no_microphone;
  textInput.focus();
}

function clearRecording() {
  fileInput.value = "";
  if (playbackUrl) URL.revokeObjectURL(playbackUrl);
  playbackUrl = null;
  playback.removeAttribute("src");
  playback.hidden = true;
  discard.hidden = true;
}

function keep(chunks, mimeType) {
  const type = (mimeType || chunks[0]?.type || "audio/webm").split(";")[0];
  const blob = new Blob(chunks, { type });
  const transfer = new DataTransfer();
  transfer.items.add(new File([blob], `woord.${EXTENSIONS[type] ?? "webm"}`, { type }));
  fileInput.files = transfer.files;
  playbackUrl = URL.createObjectURL(blob);
  playback.src = playbackUrl;
  playback.hidden = false;
  discard.hidden = false;
  label.textContent = strings.again;
  status.textContent = strings.recorded;
}

async function start() {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch {
    noMicrophone();
    return;
  }
  clearRecording();
  const type = chosenType();
  const options = { audioBitsPerSecond: 32000, ...(type ? { mimeType: type } : {}) };
  const chunks = [];
  try {
    recorder = new MediaRecorder(stream, options);
  } catch {
    stream.getTracks().forEach((track) => track.stop());
    noMicrophone();
    return;
  }
  recorder.addEventListener("dataavailable", (event) => {
    if (event.data.size) chunks.push(event.data);
  });
  recorder.addEventListener("stop", () => {
    stream.getTracks().forEach((track) => track.stop());
    const mimeType = recorder.mimeType;
    recorder = null;
    clearInterval(ticker);
    clearTimeout(stopper);
    show(false);
    if (chunks.length) keep(chunks, mimeType);
  });
  recorder.start();
  const started = Date.now();
  show(true);
  label.textContent = strings.stop;
  const tick = () => {
    const left = Math.max(0, Math.ceil((MAX_MS - (Date.now() - started)) / 1000));
    status.textContent = strings.recording.replace("{seconds}", String(left));
  };
  tick();
  ticker = setInterval(tick, 250);
  stopper = setTimeout(stop, MAX_MS);
}

function stop() {
  if (recorder && recorder.state !== "inactive") recorder.stop();
}

if (canRecord()) {
  box.hidden = false;
  fileBox.hidden = true;
  button.addEventListener("click", () => (recorder ? stop() : start()));
  discard.addEventListener("click", () => {
    clearRecording();
    label.textContent = strings.record;
    status.textContent = strings.discarded;
  });
  // A recording still running when the learner taps "Versturen" is finished first.
  form.addEventListener("submit", (event) => {
    if (!recorder) return;
    event.preventDefault();
    recorder.addEventListener("stop", () => form.requestSubmit(), { once: true });
    stop();
  });
}
