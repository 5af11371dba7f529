// Login page: asks the server every two seconds whether the phone confirmed the scan, then completes the login.
// Without JavaScript the button on the page does the same.
(function () {
  var state = document.getElementById("login-state");
  var form = document.getElementById("login-complete");
  if (!state || !form) { return; }
  var url = state.getAttribute("data-status-url");
  var timer = setInterval(function () {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.state === "confirmed") {
          clearInterval(timer);
          state.textContent = "已确认，正在进入系统……";
          form.submit();
        } else if (body.state === "expired" || body.state === "consumed") {
          clearInterval(timer);
          state.textContent = "二维码已失效，正在刷新……";
          window.location.reload();
        }
      })
      .catch(function () { /* the next tick tries again */ });
  }, 2000);
})();
