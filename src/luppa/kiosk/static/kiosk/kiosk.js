// The kiosk's common behaviour: spoken guidance where the browser has speech synthesis, and
// the idle timer that ends an abandoned visit (the server wipes it too).
(function () {
  "use strict";
  var lang = document.documentElement.lang || "fi";
  var voices = { fi: "fi-FI", sv: "sv-SE", en: "en-GB" };

  function speak() {
    if (!("speechSynthesis" in window)) return;
    var text = Array.prototype.map.call(document.querySelectorAll("[data-speak]"), function (el) {
      return el.textContent.trim();
    }).join(" ");
    if (!text) return;
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = voices[lang] || lang;
    window.speechSynthesis.speak(utterance);
  }
  window.kioskSpeak = function (text) {
    if (!("speechSynthesis" in window) || !text) return;
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = voices[lang] || lang;
    window.speechSynthesis.speak(utterance);
  };

  document.addEventListener("DOMContentLoaded", function () {
    var again = document.querySelector(".speak-again");
    if (again && "speechSynthesis" in window) {
      again.hidden = false;
      again.addEventListener("click", speak);
    }
    speak();

    var idle = parseInt(document.body.dataset.idleSeconds || "0", 10);
    var form = document.getElementById("end-form");
    if (!idle || !form) return;
    var timer;
    function reset() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var how = document.getElementById("end-how");
        if (how) how.value = "timeout";
        form.submit();
      }, idle * 1000);
    }
    ["pointerdown", "keydown", "touchstart"].forEach(function (name) {
      document.addEventListener(name, reset, { passive: true });
    });
    document.addEventListener("kiosk-activity", reset);
    reset();
  });
})();
