// The phone's own Dutch voice, for a word page whose word has no audio file yet.
// The speak buttons stay hidden where the browser cannot speak.

const synth = window.speechSynthesis;

function dutchVoice() {
  return synth.getVoices().find((voice) => voice.lang.toLowerCase().startsWith("nl")) || null;
}

if (synth && "SpeechSynthesisUtterance" in window) {
  for (const button of document.querySelectorAll("button[data-speak]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      synth.cancel();
      const utterance = new SpeechSynthesisUtterance(button.dataset.speak);
      utterance.lang = "nl-NL";
      utterance.rate = 0.85;
      const voice = dutchVoice();
      if (voice) utterance.voice = voice;
      synth.speak(utterance);
    });
  }
}
