// Amity's world map: arcs and clustered markers over server-drawn country shapes, with zoom and pan.
// No library and no tiles: everything is drawn from data embedded in the page.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var CELL = 46; // screen pixels a cluster gathers

  function el(name, attrs) {
    var node = document.createElementNS(NS, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    return node;
  }

  function setup(figure) {
    var svg = figure.querySelector("svg");
    var data = JSON.parse(figure.querySelector(".map-data").textContent || "{}");
    var base = svg.viewBox.baseVal;
    var full = { x: base.x, y: base.y, w: base.width, h: base.height };
    var view = { x: full.x, y: full.y, w: full.w, h: full.h };
    var arcs = svg.querySelector(".arcs");
    var markers = svg.querySelector(".markers");

    function zoomLevel() { return full.w / view.w; }

    function drawArcs() {
      arcs.textContent = "";
      var top = 1;
      (data.arcs || []).forEach(function (a) { top = Math.max(top, a[4]); });
      (data.arcs || []).forEach(function (a) {
        var x1 = a[0], y1 = a[1], x2 = a[2], y2 = a[3];
        var mx = (x1 + x2) / 2, my = (y1 + y2) / 2, dx = x2 - x1, dy = y2 - y1;
        var bend = 0.22; // lift the middle of the arc off the straight line
        var cx = mx - dy * bend, cy = my + dx * bend;
        if (cy > my) { cx = mx + dy * bend; cy = my - dx * bend; }
        var width = (top === 1 ? 1.3 : 0.5 + 3 * Math.sqrt(a[4] / top)) / zoomLevel();
        var path = el("path", { d: "M" + x1 + "," + y1 + "Q" + cx + "," + cy + " " + x2 + "," + y2,
                                "stroke-width": width.toFixed(3), class: "arc" });
        var title = el("title", {});
        title.textContent = a[5] + (a[4] > 1 ? ": " + a[4] : "");
        path.appendChild(title);
        arcs.appendChild(path);
      });
    }

    function drawMarkers() {
      markers.textContent = "";
      var zoom = zoomLevel();
      var cell = CELL / (svg.clientWidth / full.w) / zoom;
      var cells = {};
      (data.markers || []).forEach(function (m) {
        var key = Math.floor(m[0] / cell) + ":" + Math.floor(m[1] / cell);
        (cells[key] = cells[key] || []).push(m);
      });
      Object.keys(cells).forEach(function (key) {
        var group = cells[key];
        var x = 0, y = 0;
        group.forEach(function (m) { x += m[0]; y += m[1]; });
        x /= group.length; y /= group.length;
        if (group.length === 1) {
          var m = group[0];
          var link = el("a", { href: "/places/" + m[2] });
          var dot = el("circle", { cx: x, cy: y, r: (m[4] === 0 ? 5 : 3.2) / zoom, class: m[4] === 0 ? "home" : "place" });
          var label = el("title", {});
          label.textContent = m[3];
          dot.appendChild(label);
          link.appendChild(dot);
          markers.appendChild(link);
          return;
        }
        var r = Math.min(CELL * 0.46, 7 + 2.4 * Math.log(group.length)) / (svg.clientWidth / full.w) / zoom;
        var cluster = el("g", { class: "cluster", tabindex: "0" });
        cluster.appendChild(el("circle", { cx: x, cy: y, r: r }));
        var text = el("text", { x: x, y: y, dy: "0.35em", "font-size": (11 / (svg.clientWidth / full.w) / zoom).toFixed(2) });
        text.textContent = group.length;
        cluster.appendChild(text);
        var names = el("title", {});
        names.textContent = group.slice(0, 8).map(function (m) { return m[3]; }).join(", ") + (group.length > 8 ? "…" : "");
        cluster.appendChild(names);
        cluster.addEventListener("click", function () { zoomAt(x, y, 2.5); });
        markers.appendChild(cluster);
      });
    }

    var pending = false;
    function redraw() {
      svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; drawArcs(); drawMarkers(); });
    }

    function zoomAt(x, y, factor) {
      var w = Math.min(full.w, Math.max(full.w / 40, view.w / factor));
      var h = w * full.h / full.w;
      view.x = Math.min(full.x + full.w - w, Math.max(full.x, x - (x - view.x) * (w / view.w)));
      view.y = Math.min(full.y + full.h - h, Math.max(full.y, y - (y - view.y) * (h / view.h)));
      view.w = w; view.h = h;
      redraw();
    }

    function toMap(event) {
      var box = svg.getBoundingClientRect();
      return { x: view.x + (event.clientX - box.left) / box.width * view.w,
               y: view.y + (event.clientY - box.top) / box.height * view.h };
    }

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var p = toMap(event);
      zoomAt(p.x, p.y, event.deltaY < 0 ? 1.35 : 1 / 1.35);
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
    });
    window.addEventListener("pointerup", function () { drag = null; });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var box = svg.getBoundingClientRect();
      view.x = Math.min(full.x + full.w - view.w, Math.max(full.x, drag.vx - (event.clientX - drag.x) / box.width * view.w));
      view.y = Math.min(full.y + full.h - view.h, Math.max(full.y, drag.vy - (event.clientY - drag.y) / box.height * view.h));
      redraw();
    });

    var controls = document.createElement("div");
    controls.className = "map-controls";
    [["+", 1.6], ["−", 1 / 1.6], ["⟲", 0]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.addEventListener("click", function () {
        if (spec[1] === 0) { view = { x: full.x, y: full.y, w: full.w, h: full.h }; redraw(); return; }
        zoomAt(view.x + view.w / 2, view.y + view.h / 2, spec[1]);
      });
      controls.appendChild(button);
    });
    figure.appendChild(controls);
    figure.setAttribute("data-ready", String((data.markers || []).length));
    redraw();
  }

  document.querySelectorAll("[data-map]").forEach(setup);
})();
