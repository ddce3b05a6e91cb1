// Filters and sorting for the cards on this page. Without scripts every card is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var main = document.getElementById("cards");
  var count = document.getElementById("filter-count");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var f = form.elements;

  function apply() {
    var reason = f.reason.value;
    var holder = f.holder.value;
    var min = parseFloat(f.min.value) || 0;
    var shown = 0;
    cards.forEach(function (card) {
      var ok = (!reason || card.dataset.reasons.split(" ").indexOf(reason) >= 0) &&
        (!holder || card.dataset.holder === holder) &&
        parseFloat(card.dataset.score) >= min;
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    var rank = function (c) { return parseInt(c.dataset.rank, 10); };
    var order = cards.slice().sort(function (a, b) {
      if (f.sort.value === "score-asc") {
        return parseFloat(a.dataset.score) - parseFloat(b.dataset.score) || rank(b) - rank(a);
      }
      if (f.sort.value === "listing") {
        return a.dataset.listing < b.dataset.listing ? -1 : a.dataset.listing > b.dataset.listing ? 1 : 0;
      }
      return rank(a) - rank(b);
    });
    order.forEach(function (card) { main.appendChild(card); });
    count.textContent = shown + " of " + cards.length + " cards shown";
    var state = new URLSearchParams();
    ["reason", "holder", "min", "sort"].forEach(function (k) { state.set(k, f[k].value); });
    try { history.replaceState(null, "", "#" + state.toString()); } catch (e) { /* file: pages may refuse */ }
  }

  // A link with #reason=…&min=… opens the page filtered.
  function fromHash() {
    new URLSearchParams(location.hash.slice(1)).forEach(function (value, key) {
      if (f[key]) f[key].value = value;
    });
  }
  fromHash();
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
