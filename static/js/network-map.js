// The network map: contacts as dots coloured by circle, drawn by the vendored Cytoscape.js.
// The same data gives the same picture on every visit: the starting positions follow from the
// circles and the ids, and the force layout's random numbers come from a fixed seed. The most
// connected contacts carry their names; the others show theirs when zoomed in, hovered or tapped.
(function () {
  "use strict";
  var box = document.getElementById("network-map");
  if (!box || typeof cytoscape === "undefined") { return; }
  var palette = ["#2f6f62", "#b5642a", "#6a6fa8", "#8a5a8c", "#3f7fa6", "#9a8a2a", "#a3352c", "#4f8f3a", "#c27c9b", "#5b6b73"];
  var NO_CIRCLE = "#b9b3a6";
  var SEED = 42;
  var nameLine = document.getElementById("network-map-name");

  function colour(circle) { return circle < 0 ? NO_CIRCLE : palette[circle % palette.length]; }

  // mulberry32: a small seeded generator, so the layout's randomness is the same on every load.
  function seeded(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // How many dots carry their name before zooming: the best connected, a handful on a small map.
  function namedCount(total) { return Math.min(25, Math.max(6, Math.round(total / 6))); }

  function showName(node) {
    nameLine.textContent = "";
    var link = document.createElement("a");
    link.href = box.getAttribute("data-contact-url").replace("/0/", "/" + node.id() + "/");
    link.textContent = node.data("name");
    nameLine.appendChild(link);
  }

  fetch(box.getAttribute("data-source"), { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var strength = {};
      data.edges.forEach(function (e) {
        strength[e[0]] = (strength[e[0]] || 0) + e[2];
        strength[e[1]] = (strength[e[1]] || 0) + e[2];
      });
      var ranked = data.nodes.filter(function (n) { return strength[n[0]]; })
        .sort(function (a, b) { return (strength[b[0]] - strength[a[0]]) || (a[0] - b[0]); });
      var named = {};
      ranked.slice(0, namedCount(ranked.length)).forEach(function (n) { named[n[0]] = true; });
      var maxStrength = ranked.length ? strength[ranked[0][0]] : 1;

      // Start each circle on its own spot of a ring, its members around it, in id order.
      var circles = {};
      data.nodes.forEach(function (n) { (circles[n[2]] = circles[n[2]] || []).push(n[0]); });
      var keys = Object.keys(circles).map(Number).sort(function (a, b) { return a - b; });
      var start = {};
      keys.forEach(function (key, k) {
        var angle = 2 * Math.PI * k / Math.max(keys.length, 1);
        var cx = 400 * Math.cos(angle), cy = 400 * Math.sin(angle);
        circles[key].sort(function (a, b) { return a - b; }).forEach(function (id, i) {
          var a = 2.39996 * i, r = 12 * Math.sqrt(i + 1);  // a sunflower spiral
          start[id] = { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
        });
      });

      var elements = [];
      var loose = [];
      data.nodes.forEach(function (n) {
        var s = strength[n[0]] || 0;
        var classes = [];
        if (!s) { classes.push("loose"); loose.push(n[0]); }
        if (named[n[0]]) { classes.push("named"); }
        elements.push({
          group: "nodes",
          data: { id: String(n[0]), name: n[1], circle: n[2], flagged: n[3], colour: colour(n[2]),
                  size: 10 + 18 * Math.sqrt(s / maxStrength) },
          position: start[n[0]],
          classes: classes.join(" ")
        });
      });
      data.edges.forEach(function (e) {
        elements.push({ group: "edges", data: { id: e[0] + "-" + e[1], source: String(e[0]), target: String(e[1]), weight: e[2] } });
      });
      var cy = cytoscape({
        container: box,
        elements: elements,
        minZoom: 0.1,
        maxZoom: 5,
        wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: {
            "background-color": "data(colour)", width: "data(size)", height: "data(size)", "border-width": 0,
            label: "data(name)", "font-size": 6, "min-zoomed-font-size": 9, "text-valign": "top", "text-margin-y": -3,
            color: "#1f2a30", "text-background-color": "#ffffff", "text-background-opacity": 0.75, "text-background-padding": 1 } },
          { selector: "node.named", style: { "font-size": 12 } },
          { selector: "node[?flagged]", style: { "border-width": 3, "border-color": "#a3352c" } },
          { selector: "node.loose", style: { "background-color": "#ffffff", "border-width": 2, "border-color": "#8796a0" } },
          { selector: "node.selected", style: { "border-width": 3, "border-color": "#1f2a30" } },
          { selector: "edge", style: { width: "mapData(weight, 0, 5, 0.5, 3)", "line-color": "#d8d3c8", "curve-style": "haystack", opacity: 0.7 } }
        ]
      });

      var connected = cy.nodes().not(".loose");
      var layout = connected.union(connected.connectedEdges()).layout({
        name: "cose", randomize: false, animate: false, fit: false, nodeDimensionsIncludeLabels: true,
        nodeRepulsion: 12000, idealEdgeLength: 60, numIter: 1500
      });
      var random = Math.random;
      Math.random = seeded(SEED);
      try { layout.run(); } finally { Math.random = random; }

      // The contacts tied to nobody: in rows under the map, with their own legend entry.
      if (loose.length) {
        var box2 = connected.length ? connected.boundingBox() : { x1: 0, x2: 400, y2: 0 };
        var columns = Math.max(4, Math.ceil(Math.sqrt(loose.length * 3)));
        var step = Math.max(28, (box2.x2 - box2.x1) / columns);
        loose.sort(function (a, b) { return a - b; }).forEach(function (id, i) {
          cy.getElementById(String(id)).position({
            x: box2.x1 + step * (i % columns), y: box2.y2 + 80 + 28 * Math.floor(i / columns)
          });
        });
      }
      cy.fit(undefined, 24);

      // Font sizes in model units: the named dots read at 12 px now, the others appear from about
      // twice the zoom. Cytoscape hides a label by the zoom rounded up to a power of two (and the
      // screen's pixel ratio), so the small labels are sized against that rounded zoom.
      var zoom = cy.zoom();
      var rounded = Math.pow(2, Math.ceil(Math.log2(zoom * (window.devicePixelRatio || 1))));
      cy.style()
        .selector("node").style({ "font-size": 14 / (2 * rounded) })
        .selector("node.named").style({ "font-size": 12 / zoom, "font-weight": 600 })
        .update();
      box.setAttribute("data-ready", "true");

      cy.on("tap", "node", function (event) {
        cy.nodes(".selected").removeClass("selected");
        event.target.addClass("selected");
        showName(event.target);
      });
      cy.on("mouseover", "node", function (event) { nameLine.textContent = event.target.data("name"); });

      function zoomBy(factor) {
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } });
      }
      var zoomIn = document.getElementById("network-map-zoom-in");
      var zoomOut = document.getElementById("network-map-zoom-out");
      var fit = document.getElementById("network-map-fit");
      if (zoomIn) { zoomIn.addEventListener("click", function () { zoomBy(1.5); }); }
      if (zoomOut) { zoomOut.addEventListener("click", function () { zoomBy(1 / 1.5); }); }
      if (fit) { fit.addEventListener("click", function () { cy.fit(undefined, 24); }); }

    });
})();
