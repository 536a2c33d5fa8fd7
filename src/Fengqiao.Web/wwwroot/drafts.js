// Drafts (草稿) of long text fields, kept in this browser until the form is sent. A field opts in with
// data-draft="name" (on the field or its wrapper); what is typed is saved under the page's path and the name, and put
// back into the empty field when the page is opened again: after a reload, a lost connection or a closed tab.
// A page clears its drafts once the form was accepted: fengqiaoDrafts.clear(). Staff pages only: the public pages
// carry no script.
(() => {
    const prefix = "fengqiao.draft:";
    const maxAgeMs = 3 * 24 * 3600 * 1000; // older drafts are dropped, not restored
    const fieldOf = el => el.matches("textarea, input") ? el : el.querySelector("textarea, input");
    const keyOf = (name, path) => prefix + (path ?? location.pathname) + "#" + name;
    let told = false;

    function save(field) {
        const host = field.closest("[data-draft]");
        if (!host) return;
        const key = keyOf(host.dataset.draft);
        try {
            if (field.value) localStorage.setItem(key, JSON.stringify({ text: field.value, at: Date.now() }));
            else localStorage.removeItem(key);
        } catch { /* storage full or disabled: the form still works, only without a draft */ }
    }

    function restore(host) {
        const field = fieldOf(host);
        if (!field || field.value || field.dataset.draftRestored) return;
        let saved = null;
        try { saved = JSON.parse(localStorage.getItem(keyOf(host.dataset.draft)) ?? "null"); } catch { /* unreadable: ignored */ }
        if (!saved?.text || Date.now() - saved.at > maxAgeMs) return;
        field.value = saved.text;
        field.dataset.draftRestored = "1";
        // As if typed: the page sends the value to the server.
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.dispatchEvent(new Event("change", { bubbles: true }));
        tell(host.dataset.draftNotice);
    }

    function tell(text) {
        if (told || !text) return;
        told = true;
        const notice = document.createElement("div");
        notice.className = "fq-draft-notice";
        notice.setAttribute("role", "status");
        notice.dataset.testid = "draft-restored";
        notice.textContent = text;
        notice.addEventListener("click", () => notice.remove());
        document.body.appendChild(notice);
        setTimeout(() => notice.remove(), 15000);
    }

    function scan(root) {
        if (root.nodeType !== Node.ELEMENT_NODE) return;
        if (root.matches("[data-draft]")) restore(root);
        root.querySelectorAll("[data-draft]").forEach(restore);
    }

    function clear(path) {
        const start = prefix + (path ?? location.pathname) + "#";
        for (let i = localStorage.length - 1; i >= 0; i--) {
            const key = localStorage.key(i);
            if (key?.startsWith(start)) localStorage.removeItem(key);
        }
    }

    document.addEventListener("input", e => {
        if (e.target instanceof Element) save(e.target);
    }, true);

    // Interactive pages render their fields after the script ran (and again when the connection takes over the
    // prerendered page): each field that appears is offered its draft.
    const start = () => {
        scan(document.body);
        new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(scan))).observe(document.body, { childList: true, subtree: true });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();

    window.fengqiaoDrafts = { clear };
})();
