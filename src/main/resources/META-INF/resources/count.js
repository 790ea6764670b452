/*
 * Comment counts on article lists. A newsroom marks each link to an article's comments
 *   <a href="/news/some-story#comments" data-parley-count="some-story">Comments</a>
 * and loads this script once per page:
 *   <script src="https://comments.example/count.js" async></script>
 * Every marked element then reads "12 comments", from one request for the whole page (answers are
 * cached publicly, so a busy front page costs Parley little). If the request fails, the elements
 * keep the text they had.
 */
(() => {
  const script = document.currentScript || document.querySelector('script[src$="/count.js"]');
  const API = new URL(script.src).origin + '/api/v1';
  const PER_REQUEST = 100; // the most /counts takes at once

  const label = (n) => (n === 1 ? '1 comment' : `${n.toLocaleString()} comments`);

  async function fill() {
    const elements = [...document.querySelectorAll('[data-parley-count]')];
    const ids = [...new Set(elements.map((el) => el.dataset.parleyCount).filter(Boolean))];
    for (let i = 0; i < ids.length; i += PER_REQUEST) {
      const params = new URLSearchParams();
      // sorted, so every page listing the same articles asks the same URL and shares its cached answer
      ids.slice(i, i + PER_REQUEST).sort().forEach((id) => params.append('articleId', id));
      let counts;
      try {
        const response = await fetch(`${API}/counts?${params}`);
        if (!response.ok) continue;
        counts = (await response.json()).counts;
      } catch {
        continue;
      }
      for (const el of elements) {
        const n = counts[el.dataset.parleyCount];
        if (typeof n === 'number') el.textContent = label(n);
      }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill);
  else fill();
})();
