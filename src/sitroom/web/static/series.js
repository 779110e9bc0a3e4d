// The briefing's movement charts, drawn as SVG from /api/series (no chart library): one
// chart per indicator, a step line per claimant's series, never added across claimants.
// A series of one point is a line of text, not a chart; values spanning orders of
// magnitude get a log axis; the legend is an HTML list, so it wraps instead of being cut;
// at most six day labels, so they never overlap. Each point links to its claim.
(function () {
  "use strict";
  const box = document.getElementById("charts");
  if (!box) return;
  const NS = "http://www.w3.org/2000/svg";
  const W = 720, H = 240, LEFT = 64, RIGHT = 14, TOP = 12, BOTTOM = 28, TICKS = 6;
  const PALETTE = ["#1f6fb2", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0f766e", "#a16207", "#475569"];
  const DASHES = ["", "6 3", "2 3", "8 3 2 3"];
  const DAY = 86400000;

  function svgEl(parent, name, attributes, text) {
    const node = document.createElementNS(NS, name);
    Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  function htmlEl(parent, name, attributes, text) {
    const node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  const number = function (v) { return Number(v).toLocaleString("en-GB", { maximumFractionDigits: 1 }); };
  const time = function (iso) { return Date.parse(iso + "T00:00:00Z"); };
  function dayLabel(ms, withYear) {
    const options = { day: "numeric", month: "short", timeZone: "UTC" };
    if (withYear) options.year = "numeric";
    return new Date(ms).toLocaleDateString("en-GB", options);
  }

  const query = new URLSearchParams({
    place: box.dataset.place, date: box.dataset.date,
    reviewed: box.dataset.reviewed, indicator: box.dataset.indicator,
  });
  fetch("/api/series?" + query.toString())
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (data) {
      data.charts.forEach(function (chart) { drawChart(chart, data); });
      box.dataset.ready = "1";
    })
    .catch(function () {
      htmlEl(box, "p", { class: "warning" }, "The charts could not be loaded.");
      box.dataset.ready = "error";
    });

  function drawChart(chart, data) {
    const figure = htmlEl(box, "figure", { class: "chart live", "data-indicator": chart.indicator });
    const flow = chart.series.length > 0 && chart.series[0].kind === "flow";
    const colours = {}, styles = {};
    chart.series.forEach(function (s) {
      if (!(s.claimant in colours)) colours[s.claimant] = PALETTE[Object.keys(colours).length % PALETTE.length];
      styles[s.claimant] = (styles[s.claimant] === undefined ? -1 : styles[s.claimant]) + 1;
      s.colour = colours[s.claimant];
      s.dash = DASHES[styles[s.claimant] % DASHES.length];
    });
    const drawn = chart.series.filter(function (s) { return s.points.length > 1; });
    const single = chart.series.filter(function (s) { return s.points.length === 1; });
    htmlEl(figure, "figcaption", {}, chart.title +
      (flow && drawn.length ? " (each claimant's running total)" : ""));
    if (drawn.length) plot(figure, drawn, data, chart.title);
    if (single.length) {
      const list = htmlEl(figure, "ul", { class: "single-points" });
      single.forEach(function (s) {
        const p = s.points[0];
        const item = htmlEl(list, "li");
        const link = htmlEl(item, "a", { href: p.claim_ids.length ? "/claims/" + p.claim_ids[0] : "#" },
          number(p.value) + " " + s.unit);
        item.insertBefore(document.createTextNode(s.label + ": "), link);
        item.appendChild(document.createTextNode(" on " + dayLabel(time(p.day), true)));
      });
    }
  }

  function plot(figure, series, data, title) {
    const days = [time(data.since), time(data.date)];
    const values = [];
    series.forEach(function (s) {
      s.points.forEach(function (p) { days.push(time(p.day)); values.push(p.value); });
    });
    const x0 = Math.min.apply(null, days), x1 = Math.max.apply(null, days);
    const positive = values.filter(function (v) { return v > 0; });
    const top = Math.max.apply(null, values.concat([1]));
    const low = positive.length ? Math.min.apply(null, positive) : 1;
    const log = positive.length === values.length && top / low >= 100;
    const scale = log
      ? function (v) { return (Math.log10(v) - Math.floor(Math.log10(low))) / (Math.ceil(Math.log10(top)) - Math.floor(Math.log10(low)) || 1); }
      : function (v) { return v / (top * 1.05); };
    const x = function (ms) { return LEFT + (x1 > x0 ? (ms - x0) / (x1 - x0) : 0.5) * (W - LEFT - RIGHT); };
    const y = function (v) { return H - BOTTOM - scale(v) * (H - TOP - BOTTOM); };
    const svg = svgEl(figure, "svg", { viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": title + (log ? ", on a logarithmic scale" : "") });
    svg.dataset.scale = log ? "log" : "linear";
    // value ticks: powers of ten on a log axis, else four even steps
    const ticks = [];
    if (log) {
      for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(top)); e++) ticks.push(Math.pow(10, e));
    } else {
      const step = Math.pow(10, Math.floor(Math.log10(top / 4 || 1)));
      const nice = [1, 2, 5, 10].map(function (m) { return m * step; }).find(function (s) { return top / s <= 5; }) || step * 10;
      for (let v = 0; v <= top * 1.05; v += nice) ticks.push(v);
    }
    ticks.forEach(function (v) {
      svgEl(svg, "line", { x1: LEFT, x2: W - RIGHT, y1: y(v), y2: y(v), class: "grid" });
      svgEl(svg, "text", { x: LEFT - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, number(v));
    });
    // day ticks: at most TICKS labels, a whole number of days apart
    const span = Math.round((x1 - x0) / DAY);
    const every = Math.max(1, Math.ceil(span / (TICKS - 1)));
    const withYear = new Date(x0).getUTCFullYear() !== new Date(x1).getUTCFullYear();
    for (let d = 0; d <= span; d += every) {
      const ms = x0 + d * DAY;
      const at = x(ms);
      const anchor = at < LEFT + 30 ? "start" : at > W - RIGHT - 30 ? "end" : "middle";
      svgEl(svg, "text", { x: at, y: H - 8, "text-anchor": anchor, class: "axis tick-day" },
        dayLabel(ms, withYear));
    }
    const legend = htmlEl(figure, "ul", { class: "legend" });
    series.forEach(function (s) {
      let path = "";
      s.points.forEach(function (p, i) {
        const px = x(time(p.day)), py = y(p.value);
        path += i === 0 ? "M" + px + "," + py : "H" + px + "V" + py;
      });
      path += "H" + x(x1);
      const line = svgEl(svg, "path", { d: path, fill: "none", stroke: s.colour, "stroke-width": 2,
        "stroke-dasharray": s.dash, class: "series" });
      svgEl(line, "title", {}, s.label);
      s.points.forEach(function (p) {
        const link = svgEl(svg, "a", { href: p.claim_ids.length ? "/claims/" + p.claim_ids[0] : "#" });
        svgEl(link, "circle", { cx: x(time(p.day)), cy: y(p.value), r: 3.5, fill: s.colour, class: "point" });
        svgEl(link, "title", {}, s.label + ": " + number(p.value) + " " + s.unit + " on " + dayLabel(time(p.day), true));
      });
      const item = htmlEl(legend, "li");
      const swatch = htmlEl(item, "span", { class: "swatch" });
      swatch.style.borderTop = "3px " + (s.dash ? "dashed " : "solid ") + s.colour;
      item.appendChild(document.createTextNode(s.label));
    });
  }
})();
