// Progressive enhancement: the confirmation that a ticked item contradicts a failed
// automatic result appears when such an item is ticked (without this file it is always shown).
(function () {
  "use strict";
  var confirm = document.querySelector(".confirm-contradiction");
  if (!confirm) return;
  var boxes = Array.prototype.filter.call(
    document.querySelectorAll('input[name="ticks"]'),
    function (box) { return box.closest("label").querySelector("[data-contradiction]"); }
  );
  var hasError = confirm.querySelector(".errorlist");
  function update() {
    var any = boxes.some(function (box) { return box.checked; });
    confirm.hidden = !any && !hasError;
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();
})();
