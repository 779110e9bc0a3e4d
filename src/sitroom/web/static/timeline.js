// The control timeline under the map: each side's share of the area held, a line a side,
// drawn as SVG from /api/control/timeline (no chart library), with the slider's day marked.
(function () {
  "use strict";
  const svg = document.getElementById("timeline");
  const box = document.getElementById("map");
  const slider = document.getElementById("day");
  const NS = "http://www.w3.org/2000/svg";
  const W = 800, H = 220, LEFT = 40, RIGHT = 10, TOP = 16, BOTTOM = 30;

  function el(name, attributes, text) {
    const node = document.createElementNS(NS, name);
    Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) node.textContent = text;
    svg.appendChild(node);
    return node;
  }

  fetch("/api/control/timeline?place=" + encodeURIComponent(box.dataset.place))
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(draw)
    .catch(function () { svg.setAttribute("aria-label", "the timeline could not be loaded"); });

  function draw(data) {
    const n = data.days.length;
    const x = function (i) { return LEFT + (n > 1 ? i * (W - LEFT - RIGHT) / (n - 1) : 0); };
    const y = function (pct) { return TOP + (100 - pct) * (H - TOP - BOTTOM) / 100; };
    [0, 50, 100].forEach(function (pct) {
      el("line", { x1: LEFT, x2: W - RIGHT, y1: y(pct), y2: y(pct), class: "grid" });
      el("text", { x: LEFT - 6, y: y(pct) + 4, "text-anchor": "end", class: "axis" }, pct + "%");
    });
    el("text", { x: LEFT, y: H - 8, class: "axis" }, data.days[0]);
    el("text", { x: W - RIGHT, y: H - 8, "text-anchor": "end", class: "axis" }, data.days[n - 1]);
    Object.keys(data.held).forEach(function (side) {
      const points = data.held[side].map(function (pct, i) { return x(i) + "," + y(pct); }).join(" ");
      const line = el("polyline", { points: points, fill: "none", "stroke-width": 2,
        stroke: data.colours[side] || "#555555", class: "side" });
      line.dataset.side = side;
      const title = document.createElementNS(NS, "title");
      title.textContent = side;
      line.appendChild(title);
    });
    const marker = el("line", { y1: TOP, y2: H - BOTTOM, class: "marker" });
    function mark() {
      const i = Math.min(Number(slider.value), n - 1);
      marker.setAttribute("x1", x(i));
      marker.setAttribute("x2", x(i));
    }
    slider.addEventListener("input", mark);
    new MutationObserver(mark).observe(box, { attributes: true, attributeFilter: ["data-day"] });
    mark();
    svg.dataset.ready = "1";
  }
})();
