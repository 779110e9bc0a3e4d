// The control map: polygons from /api/control/map coloured by state for the slider's day,
// and the ACLED events of the week up to that day as points (/api/export/events), sized by
// fatalities, a popup each. No tiles (offline): polygons and their names only. Written for
// the page's CSP: no inline script, no eval.
(function () {
  "use strict";
  const box = document.getElementById("map");
  const slider = document.getElementById("day");
  const label = document.getElementById("day-label");
  const play = document.getElementById("play");
  const EVENT_DAYS = 7;  // a point stays on the map this many days
  const STATES = {
    contested: ["#9b59b6", "contested"],
    disputed: ["#34495e", "disputed (claimants disagree)"],
    unknown: ["#bbbbbb", "unknown"],
  };

  fetch("/api/control/map?place=" + encodeURIComponent(box.dataset.place))
    .then(function (r) { return r.ok ? r.json() : r.json().then(function (e) { throw e; }); })
    .then(draw)
    .catch(function (e) {
      box.textContent = (e && e.error && e.error.message) || "the map could not be loaded";
    });

  function fill(data, state, controller) {
    if (state === "held") return data.colours[controller] || "#555555";
    return (STATES[state] || STATES.unknown)[0];
  }

  function draw(data) {
    const map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
    const drawn = [];
    const layer = L.geoJSON(data, {
      onEachFeature: function (feature, shape) {
        drawn.push([feature, shape]);
        shape.bindTooltip(feature.properties.name, { sticky: true });
        shape.on("click", function () { pick(feature); });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds());
    slider.max = String(data.days.length - 1);
    slider.value = String(data.days.length - 1);
    legend(data);

    function show(i) {
      label.textContent = data.days[i];
      box.dataset.day = data.days[i];
      drawn.forEach(function (pair) {
        const state = pair[0].properties.states[i];
        pair[1].setStyle({
          color: "#333333", weight: 0.6, fillOpacity: state[0] === "unknown" ? 0.2 : 0.7,
          fillColor: fill(data, state[0], state[1]),
        });
      });
    }

    function pick(feature) {
      const day = data.days[Number(slider.value)];
      document.getElementById("picked").textContent = feature.properties.name + ", observed up to " + day;
      const list = document.getElementById("observations");
      list.replaceChildren();
      feature.properties.observations
        .filter(function (o) { return o.observed_on <= day; })
        .forEach(function (o) {
          const item = document.createElement("li");
          item.textContent = o.observed_on + ": " + o.actor + " " + o.status + ", per " + o.claimant +
            (o.source_title ? " (" + o.source_title + ")" : "");
          list.appendChild(item);
        });
      if (!list.children.length) list.textContent = "no observation up to that day";
    }

    let timer = null;
    play.addEventListener("click", function () {
      if (timer) { clearInterval(timer); timer = null; play.textContent = "Play"; play.setAttribute("aria-pressed", "false"); return; }
      if (Number(slider.value) >= data.days.length - 1) slider.value = "0";
      play.textContent = "Pause"; play.setAttribute("aria-pressed", "true");
      timer = setInterval(function () {
        const next = Number(slider.value) + 1;
        if (next >= data.days.length) { play.click(); return; }
        slider.value = String(next); show(next);
      }, 400);
    });
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    show(Number(slider.value));
    box.dataset.ready = "1";
    events(map, data);
  }

  function events(map, data) {
    const query = "format=geojson&from=" + data.days[0] + "&to=" + data.days[data.days.length - 1];
    fetch("/api/export/events?" + query)
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (found) {
        const points = L.layerGroup().addTo(map);
        const placed = found.features.filter(function (f) { return f.geometry; });
        function mark(i) {
          const day = data.days[i];
          const from = new Date(Date.parse(day + "T00:00:00Z") - (EVENT_DAYS - 1) * 86400000)
            .toISOString().slice(0, 10);
          points.clearLayers();
          placed.filter(function (f) {
            const on = f.properties.event_date;
            return on >= from && on <= day;
          }).forEach(function (f) {
            const p = f.properties;
            const c = f.geometry.coordinates;
            const dot = L.circleMarker([c[1], c[0]], {
              radius: 4 + Math.sqrt(Number(p.fatalities) || 0), color: "#111111", weight: 1,
              fillColor: "#e74c3c", fillOpacity: 0.9, className: "event",
            });
            const text = document.createElement("div");
            [p.event_date + ": " + p.event_type + (p.sub_event_type ? " (" + p.sub_event_type + ")" : ""),
             (p.location || p.admin1 || "") + ", " + p.fatalities + " fatalities as ACLED reports them",
             [p.actor1, p.actor2].filter(Boolean).join(" vs "),
             p.source ? "source: " + p.source : "", "ACLED " + p.event_id_cnty]
              .filter(Boolean).forEach(function (line) {
                const row = document.createElement("div");
                row.textContent = line;
                text.appendChild(row);
              });
            dot.bindPopup(text);
            dot.addTo(points);
          });
          box.dataset.events = String(points.getLayers().length);
        }
        slider.addEventListener("input", function () { mark(Number(slider.value)); });
        new MutationObserver(function () { mark(Number(slider.value)); })
          .observe(box, { attributes: true, attributeFilter: ["data-day"] });
        mark(Number(slider.value));
        if (placed.length) {
          const item = document.createElement("li");
          const swatch = document.createElement("span");
          swatch.className = "swatch event";
          swatch.style.background = "#e74c3c";
          item.appendChild(swatch);
          item.appendChild(document.createTextNode("ACLED event of the " + EVENT_DAYS + " days up to the day (size: fatalities)"));
          document.getElementById("legend").appendChild(item);
        }
      })
      .catch(function () { box.dataset.events = "error"; });
  }

  function legend(data) {
    const list = document.getElementById("legend");
    const rows = Object.keys(data.colours).map(function (side) { return [data.colours[side], "held by " + side]; })
      .concat(Object.keys(STATES).map(function (k) { return STATES[k]; }));
    rows.forEach(function (row) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = row[0];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(row[1]));
      list.appendChild(item);
    });
  }
})();
