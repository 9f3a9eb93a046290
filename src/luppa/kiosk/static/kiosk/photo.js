// Live photo: the camera stream (getUserMedia), a few frames a second posted to the server,
// which answers with what to fix; when a frame makes a good photo the page reloads to show
// it for approval. A denied or absent camera shows its own message and a way on.
(function () {
  "use strict";
  var INTERVAL_MS = 300;

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("camera");
    if (!box) return;
    var video = document.getElementById("video");
    var guidance = document.getElementById("guidance");
    var csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
    var canvas = document.createElement("canvas");
    var stopped = false;
    var lastSaid = "";

    function fail(reason) {
      stopped = true;
      box.hidden = true;
      document.getElementById("camera-error").hidden = false;
      document.getElementById("camera-failed").hidden = false;
      document.getElementById("camera-reason").value = reason;
      var retry = document.getElementById("camera-retry");
      retry.focus();
      window.kioskSpeak && window.kioskSpeak(document.getElementById("camera-error").textContent);
    }
    document.getElementById("camera-retry").addEventListener("click", function () {
      window.location.reload();
    });

    function say(text) {
      if (text === lastSaid) return;
      lastSaid = text;
      guidance.textContent = text;
      window.kioskSpeak && window.kioskSpeak(text);
    }

    function send() {
      if (stopped) return;
      if (!video.videoWidth) { setTimeout(send, INTERVAL_MS); return; }
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext("2d").drawImage(video, 0, 0);
      canvas.toBlob(function (blob) {
        var body = new FormData();
        body.append("frame", blob, "frame.jpg");
        fetch(box.dataset.frameUrl, {
          method: "POST", body: body, credentials: "same-origin",
          headers: { "X-CSRFToken": csrf },
        }).then(function (r) {
          if (r.redirected || !r.ok) { window.location.href = box.dataset.readyUrl; return null; }
          return r.json();
        }).then(function (answer) {
          if (!answer) return;
          document.dispatchEvent(new Event("kiosk-activity"));
          if (answer.ready) {
            stopped = true;
            say(answer.message);
            window.location.href = box.dataset.readyUrl;
            return;
          }
          say(answer.message);
          setTimeout(send, INTERVAL_MS);
        }).catch(function () { setTimeout(send, 1000); });
      }, "image/jpeg", 0.92);
    }

    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { fail("absent"); return; }
    var constraints = JSON.parse(box.dataset.constraints || "{}");
    navigator.mediaDevices.getUserMedia({ video: constraints, audio: false }).then(function (stream) {
      video.srcObject = stream;
      window.addEventListener("pagehide", function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
      });
      send();
    }).catch(function (error) {
      fail(error && error.name === "NotAllowedError" ? "denied" : "absent");
    });
  });
})();
