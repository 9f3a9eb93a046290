// The signature pad: pointer strokes kept as points (the pad's 600×200 space) and sent as
// JSON; the server stores them as an SVG of vector paths.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var pad = document.getElementById("pad");
    if (!pad) return;
    var ctx = pad.getContext("2d");
    var field = document.getElementById("strokes");
    var strokes = [];
    var current = null;
    ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.strokeStyle = "#000";

    function point(event) {
      var rect = pad.getBoundingClientRect();
      return [
        Math.round((event.clientX - rect.left) * pad.width / rect.width * 10) / 10,
        Math.round((event.clientY - rect.top) * pad.height / rect.height * 10) / 10,
      ];
    }
    pad.addEventListener("pointerdown", function (event) {
      pad.setPointerCapture(event.pointerId);
      current = [point(event)];
      strokes.push(current);
      ctx.beginPath();
      ctx.moveTo(current[0][0], current[0][1]);
      event.preventDefault();
    });
    pad.addEventListener("pointermove", function (event) {
      if (!current) return;
      var p = point(event);
      current.push(p);
      ctx.lineTo(p[0], p[1]);
      ctx.stroke();
    });
    function up() {
      current = null;
      field.value = JSON.stringify(strokes);
    }
    pad.addEventListener("pointerup", up);
    pad.addEventListener("pointercancel", up);
    document.getElementById("pad-clear").addEventListener("click", function () {
      strokes = [];
      field.value = "[]";
      ctx.clearRect(0, 0, pad.width, pad.height);
    });
  });
})();
