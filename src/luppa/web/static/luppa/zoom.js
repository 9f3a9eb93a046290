// The photo at 1:1 with a zoom for the eyes and sharpness. Progressive enhancement: without
// this file the photo shows at its own 500×653 pixels. Keyboard: the photo is focusable,
// + and − zoom, 0 returns to 1:1, and the arrow keys scroll (the browser's own scrolling).
(function () {
  "use strict";
  var LEVELS = [1, 2, 4];
  document.querySelectorAll("[data-zoom-viewport]").forEach(function (viewport) {
    // The photo's own size, through the CSSOM: the CSP allows no style attribute. Without
    // this file the stylesheet's defaults (500 px, 500 / 653) hold.
    var width = Number(viewport.dataset.width) || 500;
    var height = Number(viewport.dataset.height) || 653;
    viewport.style.setProperty("--w", width + "px");
    viewport.style.setProperty("--ratio", width + " / " + height);
    var box = viewport.closest(".guides");
    var controls = box && box.querySelector("[data-zoom-controls]");
    if (!controls) return;
    controls.hidden = false;
    var focusY = Number(viewport.dataset.focusY) || height * 0.45;
    var level = 1;

    function set(next) {
      if (LEVELS.indexOf(next) < 0 || next === level) return;
      // Keep the point at the middle of the view in the middle; from 1:1 open on the eyes.
      // CSS pixels per image pixel at 1:1 (less than 1 where a phone narrows the photo).
      var scale = viewport.clientWidth / width;
      var cx = level === 1 ? width / 2 : (viewport.scrollLeft + viewport.clientWidth / 2) / (scale * level);
      var cy = level === 1 ? focusY : (viewport.scrollTop + viewport.clientHeight / 2) / (scale * level);
      level = next;
      viewport.dataset.zoom = String(level);
      viewport.style.setProperty("--zoom", String(level));
      viewport.scrollLeft = cx * scale * level - viewport.clientWidth / 2;
      viewport.scrollTop = cy * scale * level - viewport.clientHeight / 2;
      controls.querySelectorAll("[data-zoom]").forEach(function (b) {
        b.setAttribute("aria-pressed", String(Number(b.dataset.zoom) === level));
      });
    }

    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-zoom]");
      if (button) set(Number(button.dataset.zoom));
    });
    viewport.addEventListener("keydown", function (event) {
      var i = LEVELS.indexOf(level);
      if (event.key === "+" || event.key === "=") set(LEVELS[Math.min(i + 1, LEVELS.length - 1)]);
      else if (event.key === "-" || event.key === "−") set(LEVELS[Math.max(i - 1, 0)]);
      else if (event.key === "0") set(1);
      else return;
      event.preventDefault();
    });
  });
})();
