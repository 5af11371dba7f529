// Every page: small conveniences that the page works without.
// A button marked data-print opens the browser's print dialog (the page's print layout is A4, app.css @media print).
(function () {
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
})();
