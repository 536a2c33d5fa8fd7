// Every map of the site: Leaflet (vendored in /lib) drawing points, heat, circles and polygons over the configured tiles,
// or over a plain background with a line saying why when there are none or they cannot be reached. Never a blank box.
const maps = new WeakMap();
let leaflet;

function script(src) {
    return new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = resolve;
        s.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(s);
    });
}

function stylesheet(href) {
    if (!document.querySelector(`link[href="${href}"]`)) {
        const l = document.createElement('link');
        l.rel = 'stylesheet';
        l.href = href;
        document.head.appendChild(l);
    }
}

/** Loads Leaflet and the heat plugin once per page (plain scripts: the plugin reads the global L). */
export function ensureLeaflet() {
    if (!leaflet) {
        stylesheet('/lib/leaflet/leaflet.css');
        leaflet = (window.L ? Promise.resolve() : script('/lib/leaflet/leaflet.js'))
            .then(() => (window.L.heatLayer ? null : script('/lib/leaflet.heat/leaflet-heat-global.js')))
            .then(() => window.L);
    }
    return leaflet;
}

/** WGS-84 to GCJ-02 for a point the browser found itself; the server shifts the points it sends (Core's ChinaMapOffset, same formula). */
export function toGcj02(lat, lng) {
    if (lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271) return [lat, lng];
    const a = 6378245.0, ee = 0.00669342162296594323, x = lng - 105.0, y = lat - 35.0, pi = Math.PI;
    let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    dLat += (20.0 * Math.sin(6.0 * x * pi) + 20.0 * Math.sin(2.0 * x * pi)) * 2.0 / 3.0;
    dLat += (20.0 * Math.sin(y * pi) + 40.0 * Math.sin(y / 3.0 * pi)) * 2.0 / 3.0;
    dLat += (160.0 * Math.sin(y / 12.0 * pi) + 320 * Math.sin(y * pi / 30.0)) * 2.0 / 3.0;
    let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    dLng += (20.0 * Math.sin(6.0 * x * pi) + 20.0 * Math.sin(2.0 * x * pi)) * 2.0 / 3.0;
    dLng += (20.0 * Math.sin(x * pi) + 40.0 * Math.sin(x / 3.0 * pi)) * 2.0 / 3.0;
    dLng += (150.0 * Math.sin(x / 12.0 * pi) + 300.0 * Math.sin(x / 30.0 * pi)) * 2.0 / 3.0;
    const radLat = lat / 180.0 * pi;
    let magic = Math.sin(radLat);
    magic = 1 - ee * magic * magic;
    const sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((a * (1 - ee)) / (magic * sqrtMagic) * pi);
    dLng = (dLng * 180.0) / (a / sqrtMagic * Math.cos(radLat) * pi);
    return [lat + dLat, lng + dLng];
}

function status(state, text) {
    state.statusBox.textContent = text || '';
    state.statusBox.hidden = !text;
}

function setUpTiles(L, el, state, tiles, text) {
    if (!tiles || !tiles.url) {
        el.dataset.tiles = 'none';
        status(state, text.noTiles);
        return;
    }
    el.dataset.tiles = 'loading';
    const options = { subdomains: tiles.subdomains || 'abc', maxZoom: tiles.maxZoom || 18, attribution: tiles.attribution || '' };
    const base = L.tileLayer(tiles.url, options).addTo(state.map);
    if (tiles.labels) L.tileLayer(tiles.labels, { ...options, attribution: '' }).addTo(state.map);
    let loaded = 0, failed = 0;
    base.on('tileload', () => {
        loaded++;
        el.dataset.tiles = 'loaded';
        status(state, '');
    });
    base.on('tileerror', () => {
        failed++;
        // Unreachable (an intranet without the internet, a wrong key): say so, the features stay on the plain background.
        if (loaded === 0 && failed >= 2) {
            el.dataset.tiles = 'failed';
            status(state, text.tilesFailed);
        }
    });
}

function popup(feature, text) {
    const box = document.createElement('div');
    if (feature.label) {
        const line = document.createElement('div');
        line.textContent = feature.label;
        box.appendChild(line);
    }
    if (feature.href) {
        const a = document.createElement('a');
        a.href = feature.href;
        a.textContent = feature.key || text.open;
        box.appendChild(a);
    }
    return box;
}

function layerOf(L, f) {
    const style = { color: f.colour, fillColor: f.colour, weight: 1, fillOpacity: 0.75, className: 'fq-map-feature', fqKey: f.key || null };
    switch (f.kind) {
        case 'circle': return L.circle(f.at, { ...style, radius: f.radius || 200, weight: 2, fillOpacity: 0.45 });
        case 'polygon': return L.polygon(f.ring || [], { ...style, weight: 2, fillOpacity: 0.4 });
        default: return L.circleMarker(f.at, { ...style, radius: 7 });
    }
}

/** Draws payload.features into el (again on each call, keeping the map), fitted to them. */
export async function render(el, payload) {
    const L = await ensureLeaflet();
    const text = payload.text || {};
    let state = maps.get(el);
    if (!state) {
        const map = L.map(el, { zoomControl: false, attributionControl: true, worldCopyJump: false });
        // The zoom buttons' titles (read aloud by screen readers) in the page's language, as on the drawing page.
        L.control.zoom({ zoomInTitle: text.zoomIn || 'Zoom in', zoomOutTitle: text.zoomOut || 'Zoom out' }).addTo(map);
        // A plain credit line (Leaflet 1.9's default adds a flag).
        map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
        const box = L.control({ position: 'bottomleft' });
        box.onAdd = () => {
            const div = L.DomUtil.create('div', 'fq-map-status');
            div.setAttribute('data-testid', 'map-status');
            return div;
        };
        box.addTo(map);
        state = { map, group: L.layerGroup().addTo(map), statusBox: box.getContainer() };
        maps.set(el, state);
        setUpTiles(L, el, state, payload.tiles, text);
    }
    const features = payload.features || [];
    const outlines = payload.outlines || [];
    state.group.clearLayers();
    const bounds = L.latLngBounds([]);
    // Imported boundaries under the features: thin, unfilled, heavier for the larger units. The view fits the features;
    // with none, the outlines, so an area without cases still shows where it is.
    const outlineBounds = L.latLngBounds([]);
    const weights = { district: 3, town: 2, village: 1, grid: 1 };
    for (const o of outlines) {
        const line = L.polygon(o.rings, {
            color: o.kind === 'grid' ? '#6a1b9a' : '#455a64', weight: weights[o.kind] || 1, fill: false,
            dashArray: o.kind === 'village' || o.kind === 'grid' ? '4 3' : null, className: 'fq-map-outline', fqKey: 'outline-' + o.code,
        });
        line.bindTooltip(o.name, { sticky: true });
        state.group.addLayer(line);
        outlineBounds.extend(line.getBounds());
    }
    const points = features.filter(f => f.kind === 'point');
    if (payload.heat && points.length > 0) {
        // The heat layer's colour scale, brightest where cases cluster.
        state.group.addLayer(L.heatLayer(points.map(f => [f.at[0], f.at[1], f.weight || 1]), { radius: 25, blur: 18, minOpacity: 0.35 }));
        points.forEach(f => bounds.extend(f.at));
    }
    for (const f of features) {
        if (payload.heat && f.kind === 'point') continue;
        const layer = layerOf(L, f);
        layer.bindPopup(popup(f, text));
        state.group.addLayer(layer);
        if (f.kind === 'polygon') bounds.extend(layer.getBounds()); else bounds.extend(f.at);
    }
    el.dataset.layer = payload.heat ? 'heat' : 'points';
    el.dataset.drawn = String(features.length);
    el.dataset.outlinesDrawn = String(outlines.length);
    if (!bounds.isValid() && outlineBounds.isValid()) bounds.extend(outlineBounds);
    state.map.invalidateSize();
    if (bounds.isValid()) {
        state.map.fitBounds(bounds.pad(0.15), { maxZoom: 15 });
    } else if (!state.map._loaded) {
        state.map.setView([35.0, 105.0], 4);
    }
    // A map without a view defers drawing its layers, so the feature's key is written on its shape only now.
    state.group.eachLayer(layer => {
        const node = layer.getElement && layer.getElement();
        if (node && layer.options.fqKey) node.setAttribute('data-key', layer.options.fqKey);
    });
    el.dataset.ready = 'true';
}

/** The browser's location: {lat, lng, accuracy} or {error: 'unsupported' | 'denied' | 'unavailable' | 'timeout'}. */
export function locate() {
    return new Promise(resolve => {
        if (!('geolocation' in navigator)) {
            resolve({ error: 'unsupported' });
            return;
        }
        navigator.geolocation.getCurrentPosition(
            p => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
            e => resolve({ error: e.code === 1 ? 'denied' : e.code === 3 ? 'timeout' : 'unavailable' }),
            { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
}

export function dispose(el) {
    const state = maps.get(el);
    if (state) {
        state.map.remove();
        maps.delete(el);
    }
}
