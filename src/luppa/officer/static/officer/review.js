// Progressive enhancement only: the decision form works without this file.
(function () {
  "use strict";
  // Decree 10 §: show at once which results and reasons the medical exception sets aside.
  var box = document.getElementById("id_medical_exception");
  var scope = document.querySelector("[data-exception-scope]");
  if (box && scope) {
    box.addEventListener("change", function () {
      scope.classList.toggle("exception-on", box.checked);
    });
  }
})();
