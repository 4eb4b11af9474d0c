// Passkeys (WebAuthn) for the second step: adding one (form[data-passkey=create]) and signing in with one
// (form[data-passkey=get]). The server gives the options and checks the answer; this script only carries them
// between the page, the browser's authenticator and the form, which is then posted as usual.
(function () {
    'use strict';

    function showError(form, message) {
        var box = document.getElementById('passkey-error');
        var text = document.getElementById('passkey-error-text');
        if (!box || !text) return;
        text.textContent = message;
        box.hidden = false;
        box.focus();
    }

    function optionsUrl(form, handler) {
        var url = new URL(form.action || window.location.href, window.location.href);
        url.searchParams.set('handler', handler);
        return url.toString();
    }

    async function fetchOptions(form, handler) {
        var response = await fetch(optionsUrl(form, handler), {
            method: 'POST',
            body: new FormData(form),
            credentials: 'same-origin',
            headers: { 'Accept': 'application/json' }
        });
        var body = await response.json().catch(function () { return null; });
        if (!response.ok) {
            var problem = new Error((body && body.message) || form.dataset.failed || form.dataset.cancelled);
            problem.field = body && body.field;
            problem.fromServer = true;
            throw problem;
        }
        return body;
    }

    async function ceremony(form) {
        var kind = form.dataset.passkey;
        if (kind === 'create') {
            var creation = await fetchOptions(form, 'Options');
            return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(creation) });
        }
        var request = await fetchOptions(form, 'PasskeyOptions');
        return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(request) });
    }

    function supported() {
        return window.PublicKeyCredential && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
            typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function' && navigator.credentials;
    }

    function attach(form) {
        var field = form.querySelector('input[name=CredentialJson]');
        var busy = false;
        form.addEventListener('submit', async function (event) {
            if (field.value) return; // the credential is in: post the form
            event.preventDefault();
            if (busy) return;
            if (!supported()) {
                showError(form, form.dataset.unsupported);
                return;
            }
            busy = true;
            try {
                var credential = await ceremony(form);
                if (!credential) throw new Error(form.dataset.cancelled);
                field.value = JSON.stringify(credential);
                form.submit();
            } catch (error) {
                // A refusal by the server says what to fix; the browser's own errors (cancelled, timed out) do not.
                showError(form, error && error.fromServer ? error.message : form.dataset.cancelled);
                if (error && error.field) {
                    var input = form.querySelector('[name="' + error.field + '"]');
                    if (input) input.setAttribute('aria-invalid', 'true');
                }
            } finally {
                busy = false;
            }
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        document.querySelectorAll('form[data-passkey]').forEach(attach);
    });
})();
