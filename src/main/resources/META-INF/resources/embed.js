/*
 * Parley comment widget. A page embeds it with
 *   <div id="parley-comments" data-article-id="ID" data-article-url="URL"></div>
 *   <script src="https://COMMENTS-HOST/embed.js" async></script>
 * Plain DOM, no dependencies. Comment HTML is inserted only as the server sanitised it; every
 * other string (names, messages) goes in as text.
 */
(() => {
  'use strict';

  const script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  const HOST = new URL(script.src, location.href).origin;
  const API = HOST + '/api/v1';
  const PROVIDER_ICONS = { twitter: '\u{1D54F}', facebook: 'f' };

  const store = {
    get(key) {
      try { return JSON.parse(localStorage.getItem('parley:' + key)); } catch { return null; }
    },
    set(key, value) {
      try {
        if (value == null) localStorage.removeItem('parley:' + key);
        else localStorage.setItem('parley:' + key, JSON.stringify(value));
      } catch { /* private mode: nothing is remembered */ }
    },
  };

  /* h('p', {class: 'x', onclick: f}, 'text', child) builds an element; strings become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : value);
    }
    el.append(...children.flat().filter((c) => c != null && c !== false));
    return el;
  }

  /* The provider's picture, or the name's initial when there is none or it does not load. A guest's
     initial is drawn here, on a colour of its own taken from the name, rather than fetched from an
     avatar service that would learn who reads which article. */
  function avatar(url, name, size) {
    const initial = () => {
      const el = h('span', { class: 'parley-avatar parley-initial', 'aria-hidden': 'true' }, (name || '?').charAt(0).toUpperCase());
      let hash = 0;
      for (const c of name || '') hash = (hash * 31 + c.codePointAt(0)) >>> 0;
      el.style.backgroundColor = `hsl(${hash % 360}, 45%, 42%)`; // set through the CSSOM, which a page's CSP allows
      el.style.color = '#fff';
      return el;
    };
    if (!url) return initial();
    const img = h('img', { class: 'parley-avatar', src: url, alt: '', width: size, height: size, loading: 'lazy' });
    img.addEventListener('error', () => img.replaceWith(initial()), { once: true });
    return img;
  }

  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

  const REPORT_REASONS = [['offensive', 'Offensive'], ['abusive', 'Abusive or harassing'], ['spam', 'Spam'], ['other', 'Something else']];

  /* "4:05" for the time left to edit. */
  function minutesAndSeconds(ms) {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }

  /* The problem's own words for a refusal, when it has some. */
  async function problemOf(response) {
    const problem = await response.json().catch(() => ({}));
    return problem.errors && problem.errors.length ? problem.errors[0].message : problem.detail || problem.title || '';
  }

  /* What went wrong, in words a reader understands, from an RFC 9457 problem. */
  function explain(status, problem, retryAfter) {
    const title = problem.title || '';
    if (status === 429) {
      const wait = Number(retryAfter);
      return 'You are posting comments too quickly. ' + (wait > 0 ? `Please wait ${wait} seconds and try again.` : 'Slow down.');
    }
    if (status === 409) return 'Duplicate comment detected; it looks as though you\u2019ve already said that!';
    if (status === 403 && /closed/i.test(title)) return 'Sorry, comments are closed for this article.';
    if (status === 403) return 'Sorry, you cannot comment here.';
    if (status === 404) return 'This article is not open for comments.';
    if (status === 413) return 'Your comment is too long.';
    if (status === 422 && problem.errors && problem.errors.length) return 'Please correct the marked fields.';
    if (status === 422 && problem.detail) return problem.detail;
    return 'Your comment could not be sent. Your text is still here; please try again in a moment.';
  }

  class Widget {
    constructor(root) {
      this.root = root;
      this.articleId = root.dataset.articleId;
      this.articleUrl = root.dataset.articleUrl || location.href.split('#')[0];
      this.sort = null; // the article's default order until the reader picks one
      this.cursor = null;
      this.liked = new Set();
      this.ownEdits = new Set(); // edits this reader made here, which the live stream need not announce
      this.reported = new Set(store.get('reported') || []);
      this.picks = [];
      this.session = store.get('session');
      this.providers = [];
      this.replyTo = null;
      this.connecting = null;
      this.idempotencyKey = null;
      this.elements = new Map();
      this.comments = new Map();
      this.fresh = new Set();
      this.build();
      this.start();
      fetch(HOST + '/auth/providers').then((r) => (r.ok ? r.json() : [])).catch(() => [])
        .then((providers) => { this.providers = providers; this.renderIdentity(); });
    }

    /* The first load: the thread, or the page that holds a linked comment (#comment-ID). */
    async start() {
      const linked = this.linkedId();
      if (linked) await this.openLinked(linked); else await this.refresh();
      this.listen();
      this.loadPicks();
      window.addEventListener('hashchange', () => {
        const id = this.linkedId();
        if (id) this.openLinked(id);
      });
    }

    headers(extra) {
      const headers = Object.assign({}, extra);
      if (this.session) headers.Authorization = 'Commenter ' + this.session.token;
      return headers;
    }

    build() {
      const guest = store.get('guest') || {};
      this.count = h('h2', { class: 'parley-count', id: 'parley-count' });
      this.sortSelect = h('select', { id: 'parley-sort', onchange: () => { this.sort = this.sortSelect.value; this.refresh(); } },
        h('option', { value: 'best' }, 'Best first'), h('option', { value: 'newest' }, 'Newest first'),
        h('option', { value: 'oldest' }, 'Oldest first'));
      this.allTab = h('button', { type: 'button', role: 'tab', class: 'parley-tab', 'aria-selected': 'true', onclick: () => this.refresh() },
        'All comments');
      this.picksTab = h('button', { type: 'button', role: 'tab', class: 'parley-tab', 'aria-selected': 'false',
        onclick: () => this.showPicks() }, 'Editors\u2019 picks');
      this.tabs = h('p', { class: 'parley-tabs', role: 'tablist', 'aria-label': 'Which comments', hidden: true }, this.allTab, this.picksTab);
      this.sortRow = h('p', { class: 'parley-sort' }, h('label', { for: 'parley-sort' }, 'Sort by '), this.sortSelect);
      this.linkedBar = h('p', { class: 'parley-linked', hidden: true }, 'You are viewing the thread of a linked comment. ',
        h('button', { type: 'button', class: 'parley-link', onclick: () => this.refresh() }, 'Show all comments'));
      this.thread = h('ol', { class: 'parley-thread' });
      this.news = h('button', { type: 'button', class: 'parley-news', hidden: true, 'aria-live': 'polite', onclick: () => this.refresh() });
      this.more = h('button', { type: 'button', class: 'parley-more', hidden: true, onclick: () => this.load(false) });
      this.title = h('span', {}, 'Leave a Reply');
      this.cancel = h('button', { type: 'button', class: 'parley-cancel parley-link', hidden: true, onclick: () => this.cancelReply() },
        'Cancel reply');
      this.status = h('p', { class: 'parley-status', role: 'alert', 'aria-live': 'assertive' });
      this.body = h('textarea', { id: 'parley-body', name: 'comment', rows: 4, placeholder: 'Enter your comment here...',
        'aria-describedby': 'parley-body-error', required: true });
      this.fields = {
        email: this.field('email', 'Email', 'email', guest.email, true, 'Address never made public'),
        name: this.field('name', 'Name', 'text', guest.name, true),
        website: this.field('website', 'Website', 'url', guest.website, false),
      };
      this.identity = h('div', { class: 'parley-identity' });
      this.dataPanel = h('div', { class: 'parley-data', hidden: true });
      this.privacy = h('div', { class: 'parley-privacy' });
      this.notify = h('input', { type: 'checkbox', id: 'parley-notify', name: 'notify',
        onchange: () => { this.notifyScope.hidden = !this.notify.checked; } });
      this.notifyScope = h('select', { id: 'parley-notify-scope', name: 'notifyScope', hidden: true },
        h('option', { value: 'replies' }, 'replies to my comment'), h('option', { value: 'article' }, 'every new comment here'));
      this.notifyRow = h('p', { class: 'parley-notify' }, this.notify, ' ',
        h('label', { for: 'parley-notify' }, 'Notify me of new comments via email.'), ' ',
        h('label', { for: 'parley-notify-scope', class: 'parley-hidden' }, 'Which comments'), this.notifyScope);
      this.submitButton = h('button', { type: 'submit', class: 'parley-submit' }, 'Post Comment');
      this.form = h('form', { class: 'parley-form', novalidate: true, onsubmit: (e) => this.submit(e) },
        h('label', { for: 'parley-body', class: 'parley-hidden' }, 'Comment'),
        this.body, h('span', { class: 'parley-error', id: 'parley-body-error' }),
        this.identity,
        this.notifyRow,
        this.status,
        h('p', {}, this.submitButton),
        this.privacy);
      this.respond = h('div', { class: 'parley-respond', id: 'parley-respond' },
        h('h3', { class: 'parley-reply-title' }, this.title, ' ', this.cancel), this.form);
      this.root.replaceChildren(h('section', { class: 'parley', 'aria-labelledby': 'parley-count' },
        this.count, this.tabs, this.sortRow, this.linkedBar,
        this.news, this.thread, this.more, this.respond));
      this.renderIdentity();
    }

    field(name, label, type, value, required, hint) {
      const input = h('input', { id: 'parley-' + name, name, type, value: value || '', required,
        autocomplete: name === 'website' ? 'url' : name, 'aria-describedby': `parley-${name}-error` + (hint ? ` parley-${name}-hint` : '') });
      const row = h('p', { class: 'parley-field' },
        h('label', { for: 'parley-' + name }, label, required ? h('span', { class: 'parley-required' }, ' (required)') : null),
        hint ? h('span', { class: 'parley-hint', id: `parley-${name}-hint` }, ' (' + hint + ')') : null,
        input, h('span', { class: 'parley-error', id: `parley-${name}-error` }));
      return { input, row };
    }

    social() {
      return this.session && this.session.provider !== 'guest' ? this.session : null;
    }

    providerName(id) {
      const provider = this.providers.find((p) => p.id === id);
      return provider ? provider.name : id.charAt(0).toUpperCase() + id.slice(1);
    }

    renderIdentity() {
      const social = this.social();
      // mail needs an address: a login that brought none (X) gets no "Notify me"
      this.notifyRow.hidden = Boolean(social && social.hasEmail === false);
      if (this.connecting) {
        this.identity.replaceChildren(h('p', { class: 'parley-connecting', role: 'status' }, `Connecting to ${this.connecting.name}\u2026`));
      } else if (social) {
        const name = this.providerName(social.provider);
        this.identity.replaceChildren(h('p', { class: 'parley-logged-in' },
          avatar(social.avatarUrl, social.name, 32),
          h('span', {}, `You are commenting using your ${name} account.`), ' ',
          h('span', { class: 'parley-account' }, '(',
            h('button', { type: 'button', class: 'parley-link parley-logout', onclick: () => this.logout(false) }, 'Log Out'), ' / ',
            h('button', { type: 'button', class: 'parley-link parley-change', onclick: () => this.logout(true) }, 'Change'), ' / ',
            h('button', { type: 'button', class: 'parley-link parley-my-data', 'aria-expanded': 'false',
              onclick: (event) => this.toggleDataPanel(event.currentTarget, true) }, 'Your data'), ')')),
          this.dataPanel);
      } else {
        this.identity.replaceChildren(...[
          h('p', { class: 'parley-intro' }, this.providers.length
            ? 'Fill in your details below or click an icon to log in:' : 'Fill in your details below:'),
          this.providers.length ? h('p', { class: 'parley-providers' }, this.providers.map((p) =>
            h('button', { type: 'button', class: `parley-provider parley-provider-${p.id}`, 'aria-label': `Log in with ${p.name}`,
              title: `Log in with ${p.name}`, onclick: () => this.login(p) }, PROVIDER_ICONS[p.id] || p.name.charAt(0)))) : null,
          this.fields.email.row, this.fields.name.row, this.fields.website.row].filter(Boolean));
      }
      // a guest's way to their data sits below the form, out of the way of filling it in
      this.dataPanel.hidden = true;
      this.privacy.replaceChildren();
      if (!social && !this.connecting) {
        this.privacy.append(h('button', { type: 'button', class: 'parley-link parley-my-data', 'aria-expanded': 'false',
          onclick: (event) => this.toggleDataPanel(event.currentTarget, false) }, 'Your data: download or erase what you wrote here'),
        this.dataPanel);
      }
    }

    /* The reader's data (GDPR): a logged-in reader downloads or erases it at once; a guest gets a link by mail, which proves the address. */
    toggleDataPanel(button, loggedIn) {
      const open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      this.dataPanel.hidden = !open;
      if (!open) return;
      const result = h('p', { class: 'parley-data-result', role: 'status' });
      if (loggedIn) {
        this.dataPanel.replaceChildren(
          h('button', { type: 'button', class: 'parley-link parley-download', onclick: () => this.downloadMyData(result) }, 'Download my data'),
          ' \u00b7 ',
          h('button', { type: 'button', class: 'parley-link parley-erase', onclick: () => this.eraseMe(result) },
            'Erase my data and comments'), result);
        return;
      }
      const email = h('input', { type: 'email', id: 'parley-data-email', value: this.fields.email.input.value, autocomplete: 'email' });
      const ask = (kind) => async () => {
        result.textContent = '';
        const response = await fetch(`${API}/privacy-requests`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: email.value.trim(), kind }) }).catch(() => null);
        result.textContent = response && response.ok
          ? `A link is on its way to ${email.value.trim()} if it wrote comments here. It works once, for 48 hours.`
          : (response && (await problemOf(response))) || 'That did not work. Please try again.';
      };
      this.dataPanel.replaceChildren(
        h('label', { for: 'parley-data-email' }, 'The email address you commented with'), email,
        h('p', {}, h('button', { type: 'button', class: 'parley-link parley-request-access', onclick: ask('access') }, 'Email me a copy'),
          ' \u00b7 ', h('button', { type: 'button', class: 'parley-link parley-request-erasure', onclick: ask('erasure') },
            'Email me a link to erase it')), result);
    }

    async downloadMyData(result) {
      const response = await fetch(`${API}/me/data`, { headers: this.headers() }).catch(() => null);
      if (!response || !response.ok) {
        result.textContent = 'Your data could not be fetched. Please try again.';
        return;
      }
      const link = h('a', { href: URL.createObjectURL(await response.blob()), download: 'my-comment-data.json' }, 'my-comment-data.json');
      result.replaceChildren('Ready: ', link);
      link.click();
    }

    async eraseMe(result) {
      if (!window.confirm('Erase everything you wrote here? Comments others replied to stay as "deleted". This cannot be undone.')) return;
      const response = await fetch(`${API}/me/erase`, { method: 'POST', headers: this.headers() }).catch(() => null);
      if (!response || !response.ok) {
        result.textContent = 'Your data could not be erased. Please try again.';
        return;
      }
      this.forget();
      await this.refresh();
      this.say('Your data and comments were erased.');
    }

    /* Reloads the thread from its first page. */
    refresh() {
      return this.load(true, null);
    }

    /* A page of threads: the first, the next (first = false), or the one that starts at cursor {@code from}. */
    async load(first, from) {
      const params = new URLSearchParams();
      if (this.sort) params.set('sort', this.sort);
      if (first && from) params.set('cursor', from);
      if (!first && this.cursor) params.set('cursor', this.cursor);
      let page;
      try {
        const response = await fetch(`${API}/articles/${encodeURIComponent(this.articleId)}/comments?${params}`,
          // revalidate (ETag, usually a 304) so that a reload shows what moderators just approved
          { headers: this.headers(), cache: 'no-cache' });
        if (response.status === 401 && this.session) {
          this.forget();
          return this.load(first, from);
        }
        if (response.status === 404) {
          page = { total: 0, comments: [], nextCursor: null };
        } else if (!response.ok) {
          throw new Error(String(response.status));
        } else {
          page = await response.json();
        }
      } catch {
        this.count.textContent = 'Comments could not be loaded.';
        return;
      }
      if (first) {
        this.clear();
        this.news.hidden = true;
        this.linkedBar.hidden = !from;
        this.showing('all');
      }
      if (page.sort) this.sortSelect.value = this.sort = page.sort;
      this.count.textContent = page.total === 1 ? '1 comment' : `${page.total} comments`;
      page.comments.forEach((comment) => this.place(comment, false));
      this.cursor = page.nextCursor;
      this.more.hidden = !this.cursor;
      this.more.textContent = { newest: 'Older comments', oldest: 'Newer comments' }[this.sort] || 'More comments';
    }

    clear() {
      this.thread.replaceChildren();
      this.elements.clear();
      this.comments.clear();
      this.fresh.clear();
    }

    showing(tab) {
      this.allTab.setAttribute('aria-selected', String(tab === 'all'));
      this.picksTab.setAttribute('aria-selected', String(tab === 'picks'));
      this.sortRow.hidden = tab === 'picks';
    }

    /* Editors' picks get a tab of their own once there are any. */
    async loadPicks() {
      try {
        const response = await fetch(`${API}/articles/${encodeURIComponent(this.articleId)}/picks`, { cache: 'no-cache' });
        if (!response.ok) return;
        this.picks = (await response.json()).comments;
      } catch {
        return;
      }
      this.tabs.hidden = this.picks.length === 0;
      this.picksTab.textContent = `Editors\u2019 picks (${this.picks.length})`;
    }

    showPicks() {
      this.clear();
      this.showing('picks');
      this.linkedBar.hidden = true;
      this.more.hidden = true;
      this.picks.forEach((comment) => this.place(Object.assign({}, comment, { parentId: null }), false));
    }

    /* The id in a permalink (#comment-ID), if the page was opened with one. */
    linkedId() {
      const match = /^#comment-(\d+)$/.exec(location.hash);
      return match ? Number(match[1]) : null;
    }

    /* Loads the page of the thread that holds the linked comment, however deep, and shows the comment. */
    async openLinked(id) {
      if (this.elements.has(id)) {
        this.highlight(id);
        return;
      }
      let position = null;
      try {
        const response = await fetch(`${API}/comments/${id}/position${this.sort ? '?sort=' + this.sort : ''}`, { headers: this.headers() });
        if (response.ok) position = await response.json();
      } catch { /* answered below */ }
      if (!position || position.articleId !== this.articleId) {
        await this.refresh();
        this.say('The comment you followed a link to is not shown here: it may have been removed.', true);
        return;
      }
      this.sort = position.sort;
      await this.load(true, position.cursor);
      this.highlight(id);
    }

    highlight(id) {
      const el = this.elements.get(id);
      if (!el) return;
      for (const old of this.thread.querySelectorAll('.parley-highlight')) old.classList.remove('parley-highlight');
      el.classList.add('parley-highlight');
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
    }

    /* Puts a comment in the thread: replies under their parent, oldest first; top-level ones in page order. */
    place(comment, isNew) {
      const el = this.renderComment(comment);
      this.elements.set(comment.id, el);
      this.comments.set(comment.id, comment);
      const parent = comment.parentId != null && this.elements.get(comment.parentId);
      if (parent) {
        let children = parent.querySelector(':scope > .parley-children');
        if (!children) parent.append(children = h('ol', { class: 'parley-children' }));
        children.append(el);
      } else if (isNew && this.sort !== 'oldest') {
        this.thread.prepend(el);
      } else {
        this.thread.append(el);
      }
      return el;
    }

    renderComment(c) {
      if (c.status === 'deleted') {
        return h('li', { class: 'parley-comment parley-deleted', id: 'comment-' + c.id },
          h('p', { class: 'parley-placeholder' }, 'This comment was deleted.'));
      }
      if (c.liked) this.liked.add(c.id);
      if (c.liked === false) this.liked.delete(c.id);
      const author = c.author || { name: 'Anonymous' };
      const name = author.website
        ? h('a', { href: author.website, rel: 'nofollow ugc noopener', target: '_blank' }, author.name) : author.name;
      const content = h('div', { class: 'parley-content' });
      content.innerHTML = c.html; // sanitised by the server (OWASP policy); the only HTML the widget inserts
      const created = new Date(c.createdAt);
      return h('li', { class: 'parley-comment' + (c.featured ? ' parley-featured' : ''), id: 'comment-' + c.id, tabindex: -1 },
        h('article', { class: 'parley-comment-body' },
          h('footer', { class: 'parley-meta' },
            avatar(author.avatarUrl, author.name, 40),
            h('b', { class: 'parley-author' }, name), ' ', h('span', { class: 'parley-says' }, 'says:'), ' ',
            c.pinned ? h('span', { class: 'parley-badge parley-pinned' }, 'Pinned') : null,
            c.featured ? h('span', { class: 'parley-badge parley-pick' }, 'Editors\u2019 pick') : null,
            h('a', { class: 'parley-time', href: '#comment-' + c.id, title: 'Link to this comment' },
              h('time', { datetime: c.createdAt }, dateFormat.format(created)),
              c.editedAt ? h('span', { class: 'parley-edited' }, ' (edited)') : null)),
          c.status === 'pending' ? h('p', { class: 'parley-pending' }, 'Your comment is awaiting moderation.') : null,
          content,
          this.actions(c, author)));
    }

    /* Like, Reply and Report on published comments; Edit and Delete on the reader's own while the window lasts. */
    actions(c, author) {
      const row = h('p', { class: 'parley-actions' });
      if (c.status === 'approved') {
        const like = h('button', { type: 'button', class: 'parley-link parley-like', onclick: () => this.toggleLike(c.id, like) });
        this.paintLike(like, c.likes, this.liked.has(c.id));
        row.append(like, ' ', h('button', { type: 'button', class: 'parley-link parley-reply',
          'aria-label': `Reply to ${author.name}`, onclick: () => this.reply(c, author.name) }, 'Reply'));
        if (!c.editableUntil) {
          const reported = this.reported.has(c.id);
          const report = h('button', { type: 'button', class: 'parley-link parley-report', disabled: reported,
            onclick: () => this.report(c, report) }, reported ? 'Reported' : 'Report');
          row.append(' ', report);
        }
      }
      const until = c.editableUntil && Date.parse(c.editableUntil);
      if (until && until > Date.now()) {
        row.append(' ', h('button', { type: 'button', class: 'parley-link parley-edit', onclick: () => this.edit(c.id) }, 'Edit'),
          ' ', h('button', { type: 'button', class: 'parley-link parley-delete', onclick: () => this.confirmDelete(c.id, row) }, 'Delete'),
          ' ', h('span', { class: 'parley-countdown', 'data-until': String(until) }, this.timeLeft(until)));
        if (!this.ticking) this.ticking = setInterval(() => this.countdown(), 1000);
      }
      return row;
    }

    paintLike(button, count, liked) {
      const likes = count || 0; // left out of the page when 0
      button.setAttribute('aria-pressed', String(liked));
      button.replaceChildren(h('span', { 'aria-hidden': 'true' }, liked ? '\u2665 ' : '\u2661 '), liked ? 'Liked' : 'Like',
        h('span', { class: 'parley-like-count' }, likes ? ` \u00b7 ${likes}` : ''));
      button.setAttribute('aria-label', `${liked ? 'Liked' : 'Like'} (${likes === 1 ? '1 like' : `${likes} likes`})`);
    }

    async toggleLike(id, button) {
      const liked = this.liked.has(id);
      button.disabled = true;
      try {
        const response = await fetch(`${API}/comments/${id}/likes`, { method: liked ? 'DELETE' : 'POST', headers: this.headers() });
        if (!response.ok) {
          const detail = await problemOf(response);
          this.note(button, response.status === 429 ? 'You are liking comments too quickly. ' + detail
            : response.status === 409 ? 'This comment can no longer be liked.' : 'Your like could not be sent. Please try again.');
          return;
        }
        const answer = await response.json();
        if (answer.commenterToken && !this.session) {
          // a reader's first like gives this browser a guest token, so the like can be taken back
          this.session = { token: answer.commenterToken, provider: 'guest' };
          store.set('session', this.session);
        }
        if (answer.liked) this.liked.add(id); else this.liked.delete(id);
        const known = this.comments.get(id);
        if (known) this.comments.set(id, Object.assign({}, known, { likes: answer.likes, liked: answer.liked }));
        this.paintLike(button, answer.likes, answer.liked);
      } catch {
        this.note(button, 'Your like could not be sent. Please try again.');
      } finally {
        button.disabled = false;
      }
    }

    /* A short message next to an action, replacing the previous one. */
    note(anchor, message) {
      const row = anchor.closest('.parley-actions') || anchor;
      let slot = row.querySelector('.parley-action-note');
      if (!slot) row.append(slot = h('span', { class: 'parley-action-note', role: 'status' }));
      slot.textContent = ' ' + message;
    }

    timeLeft(until) {
      return `(you can edit this for ${minutesAndSeconds(until - Date.now())})`;
    }

    /* Counts down every open edit window once a second; a window that closes takes its buttons with it. */
    countdown() {
      const left = this.root.querySelectorAll('.parley-countdown');
      for (const slot of left) {
        const until = Number(slot.dataset.until);
        if (until > Date.now()) {
          slot.textContent = this.timeLeft(until);
        } else {
          const row = slot.closest('.parley-actions');
          row.querySelectorAll('.parley-edit, .parley-delete, .parley-confirm').forEach((el) => el.remove());
          slot.remove();
        }
      }
      if (!left.length) {
        clearInterval(this.ticking);
        this.ticking = null;
      }
    }

    edit(id) {
      const comment = this.comments.get(id);
      const article = this.elements.get(id).querySelector(':scope > article');
      if (article.querySelector('.parley-edit-form')) return;
      const content = article.querySelector('.parley-content');
      const area = h('textarea', { class: 'parley-edit-body', rows: 4, 'aria-label': 'Edit your comment' });
      area.value = comment.body != null ? comment.body : content.textContent;
      const problem = h('span', { class: 'parley-error', role: 'alert' });
      const save = h('button', { type: 'submit', class: 'parley-submit' }, 'Save');
      const form = h('form', { class: 'parley-form parley-edit-form', onsubmit: async (event) => {
        event.preventDefault();
        save.disabled = true;
        try {
          const response = await fetch(`${API}/comments/${id}`, { method: 'PATCH', body: JSON.stringify({ body: area.value }),
            headers: this.headers({ 'Content-Type': 'application/json' }) });
          if (!response.ok) {
            const detail = await problemOf(response);
            problem.textContent = response.status === 403 ? 'Too late to edit: ' + detail
              : detail || 'Your change could not be saved. Please try again.';
            return;
          }
          const edited = await response.json();
          this.ownEdits.add(id);
          this.replace(Object.assign({}, edited, { likes: comment.likes, liked: this.liked.has(id) }));
        } catch {
          problem.textContent = 'Your change could not be saved. Please try again.';
        } finally {
          save.disabled = false;
        }
      } }, area, problem, h('p', {}, save, ' ',
        h('button', { type: 'button', class: 'parley-link', onclick: () => form.replaceWith(content) }, 'Cancel')));
      content.replaceWith(form);
      area.focus();
    }

    confirmDelete(id, row) {
      if (row.querySelector('.parley-confirm')) return;
      const ask = h('span', { class: 'parley-confirm', role: 'alert' }, ' Delete this comment? ',
        h('button', { type: 'button', class: 'parley-link parley-confirm-delete', onclick: () => this.remove(id, row) }, 'Yes, delete it'),
        ' ', h('button', { type: 'button', class: 'parley-link', onclick: () => ask.remove() }, 'No'));
      row.append(ask);
      ask.querySelector('button').focus();
    }

    async remove(id, row) {
      try {
        const response = await fetch(`${API}/comments/${id}`, { method: 'DELETE', headers: this.headers() });
        if (!response.ok) {
          const detail = await problemOf(response);
          this.note(row, response.status === 403 ? 'Too late to delete: ' + detail
            : detail || 'The comment could not be deleted. Please try again.');
          return;
        }
      } catch {
        this.note(row, 'The comment could not be deleted. Please try again.');
        return;
      }
      const el = this.elements.get(id);
      if (el.querySelector(':scope > .parley-children')) this.replace({ id, status: 'deleted' });
      else el.remove();
      this.say('Your comment was deleted.');
    }

    /* A dialog with the reasons the API takes and an optional note; a reader reports a comment once. */
    report(c, button) {
      const note = h('textarea', { id: 'parley-report-note', name: 'note', rows: 3, maxlength: 1000 });
      const problem = h('p', { class: 'parley-error', role: 'alert' });
      const dialog = h('dialog', { class: 'parley-dialog', 'aria-labelledby': 'parley-report-title' });
      const send = h('button', { type: 'submit', class: 'parley-submit' }, 'Send report');
      const form = h('form', { class: 'parley-form parley-report-form', onsubmit: async (event) => {
        event.preventDefault();
        const reason = form.elements.reason.value;
        if (!reason) {
          problem.textContent = 'Please choose what is wrong with the comment.';
          return;
        }
        const request = { reason };
        if (note.value.trim()) request.note = note.value.trim();
        send.disabled = true;
        try {
          const response = await fetch(`${API}/comments/${c.id}/flags`, { method: 'POST', body: JSON.stringify(request),
            headers: this.headers({ 'Content-Type': 'application/json' }) });
          if (!response.ok) {
            problem.textContent = (await problemOf(response)) || 'Your report could not be sent. Please try again.';
            return;
          }
        } catch {
          problem.textContent = 'Your report could not be sent. Please try again.';
          return;
        } finally {
          send.disabled = false;
        }
        this.reported.add(c.id);
        store.set('reported', [...this.reported].slice(-500));
        button.textContent = 'Reported';
        button.disabled = true;
        const close = h('button', { type: 'button', class: 'parley-submit', onclick: () => dialog.close() }, 'Close');
        form.replaceChildren(h('h3', { id: 'parley-report-title' }, 'Thank you'),
          h('p', { class: 'parley-report-thanks', role: 'status' }, 'Thank you for your report. A moderator will look at this comment.'),
          h('p', {}, close));
        close.focus();
      } },
      h('h3', { id: 'parley-report-title' }, 'Report this comment'),
      h('fieldset', { class: 'parley-reasons' }, h('legend', {}, 'What is wrong with it?'),
        REPORT_REASONS.map(([value, label]) => h('label', { class: 'parley-choice' },
          h('input', { type: 'radio', name: 'reason', value }), ' ', label))),
      h('label', { for: 'parley-report-note' }, 'Anything a moderator should know? (optional)'), note, problem,
      h('p', {}, send, ' ', h('button', { type: 'button', class: 'parley-link', onclick: () => dialog.close() }, 'Cancel')));
      dialog.append(form);
      dialog.addEventListener('close', () => {
        dialog.remove();
        button.focus();
      });
      this.root.querySelector('.parley').append(dialog);
      dialog.showModal();
    }

    /* Live updates: nothing moves under the reader; new comments wait behind a bar until asked for.
       The stream is closed while the page is hidden or left (a browser holds only six connections to
       one host, so tabs must not keep theirs) and resumes from the last event seen when it is back.
       Without a stream (an old browser, a proxy that refuses it) the thread simply stays as loaded. */
    listen() {
      if (!window.EventSource || this.source || document.visibilityState === 'hidden') return;
      const since = this.lastEventId ? `?lastEventId=${encodeURIComponent(this.lastEventId)}` : '';
      this.source = new EventSource(`${API}/articles/${encodeURIComponent(this.articleId)}/events${since}`);
      const seen = (event) => { if (event.lastEventId) this.lastEventId = event.lastEventId; };
      this.source.onmessage = (event) => {
        seen(event);
        let change;
        try { change = JSON.parse(event.data); } catch { return; }
        this.heard(change);
      };
      this.source.addEventListener('ready', seen);
      this.source.addEventListener('resync', (event) => { seen(event); this.announce(null); });
      this.source.addEventListener('closed', () => { this.stopListening(); this.closed = true; });
      if (!this.listening) {
        this.listening = true;
        document.addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? this.stopListening() : this.resume()));
        window.addEventListener('pagehide', () => this.stopListening());
        window.addEventListener('pageshow', (event) => event.persisted && this.resume());
      }
    }

    resume() {
      if (!this.closed) this.listen();
    }

    stopListening() {
      if (this.source) this.source.close();
      this.source = null;
    }

    heard({ id, op, parentId }) {
      const known = this.comments.get(id);
      const el = this.elements.get(id);
      if (op === 'published') {
        if (known && known.status === 'pending') {
          this.replace(Object.assign({}, known, { status: 'approved' })); // the reader's own comment, now public
        } else if (!known) {
          const parent = parentId != null && this.elements.get(parentId);
          if (parent) this.markReply(parent, id); else this.announce(id);
        }
      } else if (op === 'removed' && el) {
        el.querySelector(':scope > article').replaceChildren(h('p', { class: 'parley-placeholder' }, 'This comment is no longer shown.'));
      } else if (op === 'updated' && this.ownEdits.delete(id)) {
        // the reader's own edit, already shown
      } else if (op === 'updated' && el && !el.querySelector('.parley-changed')) {
        el.querySelector(':scope > article').append(h('button', { type: 'button', class: 'parley-link parley-changed',
          onclick: () => this.refresh() }, 'This comment was edited. Show the new text'));
      }
    }

    /* Counts a comment that became public (null: the server lost track, so anything may be new). */
    announce(id) {
      if (id != null) this.fresh.add(id);
      const n = this.fresh.size;
      this.news.textContent = n === 0 ? 'New activity in this thread, show it'
        : n === 1 ? '1 new comment, show it' : `${n} new comments, show them`;
      this.news.hidden = false;
    }

    /* A new reply under a comment the reader can see: a marker there, the reply itself only when asked. */
    markReply(parent, id) {
      this.fresh.add(id);
      let marker = parent.querySelector(':scope > .parley-new-replies');
      if (!marker) {
        marker = h('button', { type: 'button', class: 'parley-link parley-new-replies', onclick: () => this.refresh() });
        marker.dataset.count = '0';
        parent.querySelector(':scope > article').after(marker);
      }
      marker.dataset.count = String(Number(marker.dataset.count) + 1);
      marker.textContent = marker.dataset.count === '1' ? '1 new reply, show it' : `${marker.dataset.count} new replies, show them`;
    }

    /* Renders a comment again where it stands, keeping its replies. */
    replace(comment) {
      const old = this.elements.get(comment.id);
      const el = this.renderComment(comment);
      const replies = old.querySelector(':scope > .parley-children');
      if (replies) el.append(replies);
      if (old.classList.contains('parley-highlight')) el.classList.add('parley-highlight');
      old.replaceWith(el);
      this.elements.set(comment.id, el);
      this.comments.set(comment.id, comment);
    }

    reply(comment, name) {
      this.replyTo = comment;
      this.title.textContent = `Leave a Reply to ${name}`;
      this.cancel.hidden = false;
      this.elements.get(comment.id).querySelector(':scope > article').after(this.respond);
      this.body.focus();
    }

    cancelReply() {
      this.replyTo = null;
      this.title.textContent = 'Leave a Reply';
      this.cancel.hidden = true;
      this.root.querySelector('.parley').append(this.respond);
      this.body.focus();
    }

    showError(field, message) {
      const input = field === 'body' ? this.body : this.fields[field] && this.fields[field].input;
      const slot = this.root.querySelector(`#parley-${field}-error`);
      if (!input || !slot) return false;
      input.setAttribute('aria-invalid', 'true');
      slot.textContent = message;
      return true;
    }

    clearErrors() {
      this.status.textContent = '';
      this.status.classList.remove('parley-status-error');
      for (const slot of this.root.querySelectorAll('.parley-error')) slot.textContent = '';
      for (const input of this.root.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    }

    say(message, isError) {
      this.status.textContent = message;
      this.status.classList.toggle('parley-status-error', !!isError);
    }

    /* The browser-side checks, with the same meaning as the server's. */
    validate(guest) {
      const problems = [];
      if (!this.body.value.trim()) problems.push(['body', 'Please type a comment.']);
      if (guest) {
        const email = this.fields.email.input.value.trim();
        if (!email) problems.push(['email', 'Please enter your email address.']);
        else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.push(['email', 'Please enter a valid email address.']);
        if (!this.fields.name.input.value.trim()) problems.push(['name', 'Please enter your name.']);
        const website = this.fields.website.input.value.trim();
        if (website && !/^https?:\/\/\S+$/i.test(website)) problems.push(['website', 'Please enter a web address starting with http:// or https://.']);
      }
      problems.forEach(([field, message]) => this.showError(field, message));
      return problems;
    }

    async submit(event) {
      event.preventDefault();
      if (this.connecting) return;
      this.clearErrors();
      const guest = !this.social();
      const problems = this.validate(guest);
      if (problems.length) {
        this.say('Please correct the marked fields.', true);
        (problems[0][0] === 'body' ? this.body : this.fields[problems[0][0]].input).focus();
        return;
      }
      const notify = this.notify.checked && !this.notifyRow.hidden;
      const request = { body: this.body.value, articleUrl: this.articleUrl, notify };
      if (notify) request.notifyScope = this.notifyScope.value;
      if (this.replyTo) request.parentId = this.replyTo.id;
      if (guest) {
        const details = {};
        for (const name of ['name', 'email', 'website']) {
          const value = this.fields[name].input.value.trim();
          if (value) details[name] = value;
        }
        request.author = details;
        store.set('guest', details);
      }
      // one key per comment, kept across retries, so a retry after a lost answer never posts twice
      this.idempotencyKey = this.idempotencyKey || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
      this.submitButton.disabled = true;
      try {
        const response = await fetch(`${API}/articles/${encodeURIComponent(this.articleId)}/comments`, {
          method: 'POST', body: JSON.stringify(request),
          headers: this.headers({ 'Content-Type': 'application/json', 'Idempotency-Key': this.idempotencyKey }),
        });
        if (response.status === 401 && this.session) {
          const wasSocial = !guest;
          this.forget();
          if (wasSocial) {
            this.say('Your login has expired. Please log in again or fill in your details.', true);
            return;
          }
          this.submitButton.disabled = false;
          return this.submit(event);
        }
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          for (const error of problem.errors || []) {
            const field = error.field.replace(/^author\./, '');
            if (!this.showError(field, `${field.charAt(0).toUpperCase() + field.slice(1)} ${error.message}.`)) {
              this.say(error.message, true);
            }
          }
          this.say(explain(response.status, problem, response.headers.get('Retry-After')), true);
          return;
        }
        this.posted(await response.json());
      } catch {
        this.say(explain(0, {}), true);
      } finally {
        this.submitButton.disabled = false;
      }
    }

    posted(comment) {
      this.idempotencyKey = null;
      if (comment.commenterToken) {
        this.session = { token: comment.commenterToken, provider: 'guest' };
        store.set('session', this.session);
      }
      this.body.value = '';
      if (this.replyTo) this.cancelReply();
      const el = this.place(comment, true);
      this.say(comment.status === 'pending' ? 'Thank you! Your comment is awaiting moderation.' : 'Thank you! Your comment is published.');
      el.focus();
    }

    login(provider) {
      const url = `${HOST}/auth/${encodeURIComponent(provider.id)}/login?origin=${encodeURIComponent(location.origin)}`;
      const popup = window.open(url, 'parley-login', 'popup,width=600,height=700');
      if (!popup) {
        this.say('Please allow pop-up windows for this site to log in.', true);
        return;
      }
      this.clearErrors();
      this.connecting = provider;
      this.renderIdentity();
      const finish = () => {
        window.removeEventListener('message', onMessage);
        clearInterval(watch);
        this.connecting = null;
        this.renderIdentity();
      };
      const onMessage = (event) => {
        if (event.origin !== HOST || !event.data || typeof event.data !== 'object') return;
        if (event.data.type === 'parley-login') {
          this.session = { token: event.data.token, provider: event.data.provider, name: event.data.name,
            avatarUrl: event.data.avatarUrl, hasEmail: event.data.hasEmail };
          store.set('session', this.session);
          finish();
          this.refresh();
          this.body.focus();
        } else if (event.data.type === 'parley-login-error') {
          finish();
          this.say(event.data.error === 'access_denied' ? 'You are not logged in: access was not granted.'
            : 'Logging in did not work. Please try again, or fill in your details.', true);
        }
      };
      window.addEventListener('message', onMessage);
      const watch = setInterval(() => { if (popup.closed) finish(); }, 500);
    }

    forget() {
      this.session = null;
      store.set('session', null);
      this.renderIdentity();
    }

    async logout(change) {
      const session = this.session;
      this.forget();
      if (session) {
        fetch(HOST + '/auth/logout', { method: 'POST', headers: { Authorization: 'Commenter ' + session.token } }).catch(() => {});
      }
      this.refresh();
      const next = change && this.root.querySelector('.parley-provider');
      (next || this.body).focus();
    }
  }

  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = HOST + '/embed.css';
  document.head.append(style);
  document.querySelectorAll('#parley-comments, .parley-comments').forEach((root) => new Widget(root));
})();
