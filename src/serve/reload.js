// Injected by `vinhdanh serve` only: reloads the page when the site is rebuilt.
(function () {
  if (!window.EventSource) return;
  var source = new EventSource("/__vinhdanh/events");
  source.addEventListener("reload", function () { window.location.reload(); });
  source.onerror = function () {
    // The server restarts or stops: try again in a moment.
    source.close();
    setTimeout(function () { window.location.reload(); }, 2000);
  };
})();
