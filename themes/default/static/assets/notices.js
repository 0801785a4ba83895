// A notice's status on the reader's day (in Vietnam, UTC+7), from the dates on the page:
// the page was built on some earlier day and shows that day's status without script.
(function () {
  var s = document.currentScript, d = s && s.dataset;
  if (!d) return;
  var today = new Date(Date.now() + 252e5).toISOString().slice(0, 10);
  var els = document.querySelectorAll("[data-posted]");
  for (var i = 0; i < els.length; i++) {
    var e = els[i], p = e.dataset.posted, end = e.dataset.deadline, k, t;
    if (e.hasAttribute("data-decided")) k = "decided";
    else if (today < p) k = "upcoming";
    else if (!end) k = "open";
    else if (today <= end) {
      k = "open";
      t = d.days.replace("{n}", Math.round((Date.parse(end) - Date.parse(today)) / 864e5) + 1);
    } else k = "closed";
    e.className = "tag tag-" + k;
    e.textContent = t || d[k];
    if (k == "closed" || k == "decided") {
      var box = document.querySelector(".how-to-comment");
      if (box) box.hidden = true;
    }
  }
})();
