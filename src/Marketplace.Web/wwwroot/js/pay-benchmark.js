// As staff type an opening's pay, shows where its day rate stands among comparable public postings.
// The server computes both the day rate and the sentence (GET /api/pay-benchmark/position), so the figure here
// is the one saving the opening would store; the page also renders it on the server after every post.
(() => {
  const out = document.getElementById('pay-benchmark');
  if (!out) return;
  const form = out.closest('form');
  const value = (name) => {
    const field = form.elements.namedItem('Input.' + name);
    return field && 'value' in field ? field.value : '';
  };
  const checked = (name) => {
    const box = form.querySelector('input[type="checkbox"][name="Input.' + name + '"]');
    return box ? box.checked : false;
  };
  let timer = 0;
  let sequence = 0;
  const update = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const query = new URLSearchParams({
        role: value('RoleCode'), engagement: value('EngagementCode'),
        payAmount: value('PayAmount'), payUnit: value('PayUnit'),
        payNotStated: checked('PayNotStated'), payTaxIncluded: checked('PayTaxIncluded'),
        daysPerWeek: value('DaysPerWeek'), daysPerWeekNotStated: checked('DaysPerWeekNotStated'),
        firstTermMonths: value('FirstTermMonths'),
      });
      if (document.documentElement.lang === 'en') query.set('culture', 'en');
      const mine = ++sequence;
      try {
        const response = await fetch(out.dataset.endpoint + '?' + query, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (!response.ok) return;
        const body = await response.json();
        // An older answer arriving late must not replace a newer one.
        if (mine === sequence && body.text !== out.textContent) out.textContent = body.text;
      } catch {
        // Offline or refused: the sentence rendered with the page stays.
      }
    }, 300);
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
})();
