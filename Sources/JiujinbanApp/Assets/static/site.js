// Every page: small conveniences that the page works without.
(function () {
  // A button marked data-print opens the browser's print dialog (the page's print layout is A4, app.css @media print).
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
  // A form, or the button that sends it, marked data-confirm asks before it is sent (a decision that cannot be
  // undone, a report submitted); the button's question wins, so 保存 and 报送 can share one form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.getAttribute && button.getAttribute("data-confirm")) ||
      (form && form.getAttribute && form.getAttribute("data-confirm"));
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
