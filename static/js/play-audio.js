// Play a word's, sentence's or dialogue line's audio in place when its listen link is
// tapped. Without JavaScript the link still opens the file in the browser's own player.
// One player for the page: a new tap stops what was playing; tapping again stops it.

const player = new Audio();
player.preload = "none";
let playing = null;

function stop() {
  if (playing) {
    playing.classList.remove("is-playing");
    playing = null;
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-listen]");
  if (!link) return;
  event.preventDefault();
  const same = link === playing;
  player.pause();
  stop();
  if (same) return;
  playing = link;
  link.classList.add("is-playing");
  player.src = link.href;
  player.play().catch(stop);
});

player.addEventListener("ended", stop);
player.addEventListener("error", stop);
