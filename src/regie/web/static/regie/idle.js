// Clean screen: the server ends a session after the idle time-out, and only a request
// renews it. Reload once that time has passed since this page was served; the page then
// asks to log in again and no longer shows personal data.
(function () {
  "use strict";
  var seconds = parseInt(document.body.dataset.idleSeconds || "0", 10);
  if (!seconds) { return; }
  window.setTimeout(function () { window.location.reload(); }, (seconds + 5) * 1000);
})();
