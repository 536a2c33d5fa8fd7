// 网格划分: drawing a village's or grid's boundary with Leaflet-Geoman (vendored in /lib/leaflet-geoman), over the
// outlines already stored. The drawing is handed back as GeoJSON in WGS-84; the server checks it and stores it.
import { ensureLeaflet, toGcj02 } from './placemap.js';

const maps = new WeakMap();
let geoman;

function ensureGeoman() {
    if (!geoman) {
        geoman = ensureLeaflet().then(L => {
            if (!document.querySelector('link[href="/lib/leaflet-geoman/leaflet-geoman.css"]')) {
                const l = document.createElement('link');
                l.rel = 'stylesheet';
                l.href = '/lib/leaflet-geoman/leaflet-geoman.css';
                document.head.appendChild(l);
            }
            if (L.PM) return L;
            return new Promise((resolve, reject) => {
                const s = document.createElement('script');
                s.src = '/lib/leaflet-geoman/leaflet-geoman.min.js';
                s.onload = () => resolve(window.L);
                s.onerror = () => reject(new Error('could not load leaflet-geoman'));
                document.head.appendChild(s);
            });
        });
    }
    return geoman;
}

// The shown point back to WGS-84 when the base map is GCJ-02: the offset is smooth, so two corrections are exact to centimetres.
function toWgs84(lat, lng, gcj) {
    if (!gcj) return [lat, lng];
    let [wLat, wLng] = [lat, lng];
    for (let i = 0; i < 3; i++) {
        const [sLat, sLng] = toGcj02(wLat, wLng);
        wLat += lat - sLat;
        wLng += lng - sLng;
    }
    return [wLat, wLng];
}

const round = v => Math.round(v * 1e7) / 1e7;

function shown(ring, gcj) {
    return ring.map(([lng, lat]) => (gcj ? toGcj02(lat, lng) : [lat, lng]));
}

/** Starts the drawing map in el: context outlines (thin, not editable) and the Chinese or English toolbar. */
export async function start(el, payload) {
    const L = await ensureGeoman();
    let state = maps.get(el);
    if (!state) {
        const english = payload.lang === 'en';
        const map = L.map(el, { zoomControl: false, attributionControl: true });
        L.control.zoom({ zoomInTitle: english ? 'Zoom in' : '放大', zoomOutTitle: english ? 'Zoom out' : '缩小' }).addTo(map);
        map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a> · <a href="https://geoman.io">Geoman</a>');
        if (payload.tiles && payload.tiles.url) {
            const options = { subdomains: payload.tiles.subdomains || 'abc', maxZoom: payload.tiles.maxZoom || 18, attribution: payload.tiles.attribution || '' };
            L.tileLayer(payload.tiles.url, options).addTo(map);
            if (payload.tiles.labels) L.tileLayer(payload.tiles.labels, { ...options, attribution: '' }).addTo(map);
        }
        map.pm.setLang(english ? 'en' : 'zh');
        // Polygons only: a boundary is an area. Editing, moving and removing the drawn parts stay available.
        map.pm.addControls({
            position: 'topleft', drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawRectangle: true,
            drawPolygon: true, drawCircle: false, drawText: false, cutPolygon: false, rotateMode: false,
            editMode: true, dragMode: true, removalMode: true,
        });
        // The browser already stops a crossing edge; the server checks again for what is sent without the map.
        map.pm.setGlobalOptions({ allowSelfIntersection: false, snappable: true });
        // Geoman names its buttons on their container only: give each button the name, for screen readers.
        el.querySelectorAll('.button-container[title] > a.leaflet-buttons-control-button')
            .forEach(a => a.setAttribute('aria-label', a.parentElement.getAttribute('title')));
        const context = L.layerGroup().addTo(map);
        const drawn = L.featureGroup().addTo(map);
        map.on('pm:create', e => {
            drawn.addLayer(e.layer);
            el.dataset.parts = String(drawn.getLayers().length);
        });
        map.on('pm:remove', e => {
            drawn.removeLayer(e.layer);
            el.dataset.parts = String(drawn.getLayers().length);
        });
        state = { map, context, drawn, gcj: !!payload.gcj };
        maps.set(el, state);
    }
    state.context.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const o of payload.outlines || []) {
        const line = L.polygon(o.rings, { color: o.kind === 'grid' ? '#6a1b9a' : '#455a64', weight: o.kind === 'district' ? 3 : 1, fill: false, dashArray: '4 3', pmIgnore: true, interactive: true });
        line.bindTooltip(o.name, { sticky: true });
        state.context.addLayer(line);
        bounds.extend(line.getBounds());
    }
    state.map.invalidateSize();
    if (bounds.isValid()) state.map.fitBounds(bounds.pad(0.05)); else state.map.setView([35.0, 105.0], 4);
    el.dataset.ready = 'true';
}

/** Puts the chosen village's or grid's stored outline (GeoJSON geometry, WGS-84) on the map to edit, or clears it. */
export function load(el, geometryJson) {
    const state = maps.get(el);
    if (!state) return;
    const L = window.L;
    state.drawn.clearLayers();
    if (geometryJson) {
        const geometry = JSON.parse(geometryJson);
        const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates : geometry.type === 'Polygon' ? [geometry.coordinates] : [];
        for (const rings of polygons) {
            state.drawn.addLayer(L.polygon(rings.map(r => shown(r, state.gcj)), { color: '#c62828', weight: 3 }));
        }
        if (state.drawn.getLayers().length > 0) state.map.fitBounds(state.drawn.getBounds().pad(0.3));
    }
    el.dataset.parts = String(state.drawn.getLayers().length);
}

/** The drawn parts as one GeoJSON geometry in WGS-84 (a Polygon, or a MultiPolygon for several), or null when nothing is drawn. */
export function geometry(el) {
    const state = maps.get(el);
    if (!state) return null;
    const polygons = [];
    state.drawn.eachLayer(layer => {
        const json = layer.toGeoJSON();
        const parts = json.geometry.type === 'MultiPolygon' ? json.geometry.coordinates : json.geometry.type === 'Polygon' ? [json.geometry.coordinates] : [];
        for (const rings of parts) {
            polygons.push(rings.map(ring => ring.map(([lng, lat]) => {
                const [wLat, wLng] = toWgs84(lat, lng, state.gcj);
                return [round(wLng), round(wLat)];
            })));
        }
    });
    if (polygons.length === 0) return null;
    return JSON.stringify(polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons });
}

export function dispose(el) {
    const state = maps.get(el);
    if (state) {
        state.map.remove();
        maps.delete(el);
    }
}
