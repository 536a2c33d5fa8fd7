// "Use my location" on the portal's plain form (no Blazor there): fills the latitude and longitude boxes from the
// browser and shows the point on a small map before the form is sent. Without this script the boxes still work.
import { locate, render, toGcj02 } from './placemap.js';

for (const box of document.querySelectorAll('[data-locate]')) {
    const button = box.querySelector('button');
    const message = box.querySelector('[data-testid="locate-message"]');
    const lat = box.querySelector('input[name="lat"]');
    const lng = box.querySelector('input[name="long"]');
    const mapBox = box.querySelector('.fq-map');
    const say = key => { message.textContent = box.dataset[key] || ''; };
    button.hidden = false;
    button.addEventListener('click', async () => {
        button.disabled = true;
        say('msgWorking');
        const found = await locate();
        button.disabled = false;
        if (found.error) {
            say(found.error === 'denied' ? 'msgDenied' : found.error === 'unsupported' ? 'msgUnsupported' : 'msgUnavailable');
            return;
        }
        lat.value = found.lat.toFixed(6);
        lng.value = found.lng.toFixed(6);
        say('msgFound');
        mapBox.hidden = false;
        const at = box.dataset.gcj02 === 'true' ? toGcj02(found.lat, found.lng) : [found.lat, found.lng];
        await render(mapBox, {
            tiles: JSON.parse(box.dataset.tiles || 'null'),
            heat: false,
            text: { noTiles: box.dataset.noTiles, tilesFailed: box.dataset.tilesFailed, open: '' },
            features: [{ kind: 'point', at, label: box.dataset.label, colour: '#1565c0', key: 'here' }],
        });
    });
}
