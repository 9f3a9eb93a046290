// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Keep the guide lines on or off from one guided step to the next.
  var toggle = document.getElementById("show-guides");
  if (toggle && window.sessionStorage) {
    var saved = sessionStorage.getItem("luppa.guides");
    if (saved !== null) toggle.checked = saved === "1";
    toggle.addEventListener("change", function () {
      sessionStorage.setItem("luppa.guides", toggle.checked ? "1" : "0");
    });
  }
  // A print button makes sense only where a script can open the print dialogue.
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
