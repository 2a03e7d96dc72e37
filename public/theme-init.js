// Runs before first paint so a stored theme choice never flashes the other theme.
(function () {
  try {
    var t = localStorage.getItem('container-stride:theme');
    if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
  } catch {
    /* storage blocked: follow the system */
  }
})();
