// jixiao 绩效 — the little script the pages need: print buttons, and the
// project editor (rows added, removed, reordered; live review as you type).
"use strict";
(function () {
  document.addEventListener("click", function (e) {
    if (e.target.closest(".js-print")) { window.print(); }
  });

  var form = document.getElementById("edit-form");
  if (!form) { return; }
  var rows = document.getElementById("ind-rows");
  var tmpl = document.getElementById("ind-template");
  var state = document.getElementById("live-state");
  var panel = document.getElementById("live-findings");

  function renumber() {
    var n = 0;
    rows.querySelectorAll("tr.ind-row").forEach(function (tr) {
      n++;
      tr.querySelector(".seq").textContent = n;
    });
  }
  renumber();

  form.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) { return; }
    var tr = b.closest("tr.ind-row");
    if (b.classList.contains("js-add")) {
      rows.appendChild(tmpl.content.cloneNode(true));
      var last = rows.querySelector("tr.ind-row:last-child select");
      if (last) { last.focus(); }
    } else if (tr && b.classList.contains("js-remove")) {
      tr.remove();
    } else if (tr && b.classList.contains("js-up") && tr.previousElementSibling) {
      rows.insertBefore(tr, tr.previousElementSibling);
    } else if (tr && b.classList.contains("js-down") && tr.nextElementSibling) {
      rows.insertBefore(tr.nextElementSibling, tr);
    } else {
      return;
    }
    renumber();
    schedule();
  });

  var timer = null, seq = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(review, 300);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (text) { x.textContent = text; }
    return x;
  }

  function review() {
    var mine = ++seq;
    state.textContent = "审核中…";
    fetch(form.dataset.review, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin",
      headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (data) {
        if (mine !== seq) { return; }
        show(data);
      })
      .catch(function (err) {
        if (mine === seq) { state.textContent = "审核暂不可用（" + err.message + "）"; }
      });
  }

  function show(data) {
    form.querySelectorAll(".field-error").forEach(function (x) { x.classList.remove("field-error"); });
    panel.textContent = "";
    if (data.errors.length) {
      var ul = el("ul", "error form-errors");
      data.errors.forEach(function (fe) {
        ul.appendChild(el("li", "", fe.message));
        var parts = fe.field.split(".");
        var inputs = form.querySelectorAll("[name='" + parts[0] + "']");
        var target = parts.length > 1 ? inputs[Number(parts[1])] : inputs[0];
        if (target) { target.classList.add("field-error"); }
      });
      panel.appendChild(ul);
    }
    if (!data.findings.length) {
      panel.appendChild(el("p", "ok", "未发现问题。"));
    } else {
      var list = el("ul", "findings");
      data.findings.forEach(function (f) {
        var li = el("li", "finding sev-" + f.severity);
        li.dataset.rule = f.rule;
        li.appendChild(el("span", "badge sev-" + f.severity, f.label));
        if (f.indicator) { li.appendChild(el("span", "where", "指标 " + f.indicator)); }
        else if (f.table_level) { li.appendChild(el("span", "where", "全表")); }
        li.appendChild(el("span", "msg", f.message));
        if (f.suggestion) { li.appendChild(el("span", "sugg", "建议：" + f.suggestion)); }
        li.appendChild(el("code", "rule", f.rule));
        list.appendChild(li);
      });
      panel.appendChild(list);
    }
    var c = data.counts;
    state.textContent = "错误 " + (c.error || 0) + " · 警告 " + (c.warning || 0) + " · 提示 " + (c.info || 0);
  }
}());
