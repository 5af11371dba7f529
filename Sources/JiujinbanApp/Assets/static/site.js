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

// A long list marked data-filter (villages by township, occupations by major group) gets a search box above it:
// what is typed hides the options whose text, with their group's name, does not hold every word typed ("永乐 新村"
// leaves 永乐镇's 新村村委会). Enter chooses the first option left. Without this script the list is the plain grouped
// select; the box is made here, so a page without script shows no box that does nothing.
(function () {
  function fold(text) {
    // 南磑镇 is often typed 硙; spaces never matter.
    return (text || "").replace(/硙/g, "磑").replace(/\s+/g, "").toLowerCase();
  }

  function words(query) {
    return query.split(/[\s,，]+/).map(fold).filter(function (word) { return word !== ""; });
  }

  function matches(text, wanted) {
    var folded = fold(text);
    return wanted.every(function (word) { return folded.indexOf(word) >= 0; });
  }

  // Shows the options that match; returns them, in order.
  function narrow(select, query) {
    var wanted = words(query), shown = [];
    Array.prototype.forEach.call(select.children, function (child) {
      if (child.tagName === "OPTGROUP") {
        var any = false;
        Array.prototype.forEach.call(child.children, function (option) {
          var keep = matches(child.label + " " + option.text, wanted);
          option.hidden = !keep;
          if (keep) { any = true; shown.push(option); }
        });
        child.hidden = !any;
      } else {
        // The empty "请选择" line stays, so the list can always be cleared.
        var keep = child.value === "" || matches(child.text, wanted);
        child.hidden = !keep;
        if (keep && child.value !== "") { shown.push(child); }
      }
    });
    return shown;
  }

  function enhance(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "choice-filter";
    box.placeholder = select.getAttribute("data-filter") || "输入名称筛选";
    box.autocomplete = "off";
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    box.setAttribute("aria-label", "筛选" + (label ? label.textContent.replace("*", "") : "选项"));
    if (select.id) { box.setAttribute("aria-controls", select.id); }
    var count = document.createElement("span");
    count.className = "choice-filter-count";
    count.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(count, select);
    box.addEventListener("input", function () {
      var shown = narrow(select, box.value);
      count.textContent = box.value.trim() === "" ? "" : (shown.length === 0 ? "没有匹配的选项" : "匹配" + shown.length + "项，回车选第一项");
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter in a form would submit it: here it picks the first match instead.
        event.preventDefault();
        var shown = narrow(select, box.value);
        if (shown.length > 0) {
          select.value = shown[0].value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          count.textContent = "已选：" + shown[0].text;
        }
        select.focus();
      } else if (event.key === "ArrowDown") {
        select.focus();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), enhance);
})();

// The monthly table's column groups (issue 22; MonthlyReportPage, app.css "The wide table"): the bar of toggles the
// page sends hidden is shown here, since without this script nothing could fold and every column simply shows.
// A toggle folds its group by a class on the table (collapse-<group>); a header cell across groups
// (data-group-spans="-:2 facts:7", "-" never folds) narrows its colspan to what is left, or the rows below it would
// slide out of line. The choice is kept in localStorage for the next visit. Printing always shows every column.
(function () {
  var KEY = "jiujinban.report.collapsedGroups";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }

  function save(collapsed) {
    try { window.localStorage.setItem(KEY, JSON.stringify(collapsed)); } catch (e) { /* private mode: not kept */ }
  }

  function apply(table, bar, collapsed) {
    Array.prototype.forEach.call(bar.querySelectorAll("[data-column-group]"), function (button) {
      var group = button.getAttribute("data-column-group");
      var folded = collapsed.indexOf(group) >= 0;
      table.classList.toggle("collapse-" + group, folded);
      button.setAttribute("aria-expanded", folded ? "false" : "true");
      button.title = (folded ? "显示" : "隐藏") + "“" + button.textContent + "”各列";
    });
    Array.prototype.forEach.call(table.querySelectorAll("th[data-group-spans]"), function (cell) {
      var span = 0;
      cell.getAttribute("data-group-spans").split(" ").forEach(function (part) {
        var pieces = part.split(":");
        if (collapsed.indexOf(pieces[0]) < 0) { span += parseInt(pieces[1], 10); }
      });
      cell.hidden = span === 0;
      cell.colSpan = Math.max(span, 1);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-column-toggles]"), function (bar) {
    var table = document.getElementById(bar.getAttribute("data-column-toggles"));
    if (!table) { return; }
    var known = Array.prototype.map.call(bar.querySelectorAll("[data-column-group]"), function (button) {
      return button.getAttribute("data-column-group");
    });
    var collapsed = load().filter(function (group) { return known.indexOf(group) >= 0; });
    apply(table, bar, collapsed);
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-column-group]");
      if (!button) { return; }
      var group = button.getAttribute("data-column-group");
      var at = collapsed.indexOf(group);
      if (at >= 0) { collapsed.splice(at, 1); } else { collapsed.push(group); }
      save(collapsed);
      apply(table, bar, collapsed);
    });
    // Paper carries the whole attachment, whatever is folded on screen.
    window.addEventListener("beforeprint", function () { apply(table, bar, []); });
    window.addEventListener("afterprint", function () { apply(table, bar, collapsed); });
  });
})();
