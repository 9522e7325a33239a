"use strict";
// HotRepos page: queue a report, follow its job, browse its repositories, see what is rising. No framework, no CDN.
// Names, descriptions, topics and languages are written by strangers: they only ever go in as text (textContent,
// setAttribute on plain attributes), and links only to https:// addresses the API gave.
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $("report-form");
  const button = $("generate");
  const formError = $("form-error");
  const apiKeyField = $("api-key-field");
  const current = $("current");
  const svgNs = "http://www.w3.org/2000/svg";
  const pageSize = 25;
  let followed = null;
  let followTimer = null;
  let lastGroups = [];
  // What the repositories table shows: the report, its filters, its order and its page.
  const table = { job: null, url: null, group: "", q: "", sort: "rank", order: "asc", offset: 0, total: 0 };

  const text = (element, value) => { element.textContent = value ?? ""; };
  const show = (element, visible) => { element.hidden = !visible; };
  const cell = (value, className) => Object.assign(document.createElement("td"), { textContent: value ?? "", className: className ?? "" });
  const number = (value) => value == null ? "" : Number(value).toLocaleString("en");
  const localTime = (iso) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

  const apiKey = () => form.elements.apiKey.value || localStorage.getItem("hotrepos-api-key");

  function apiHeaders(json) {
    const headers = json ? { "Content-Type": "application/json" } : {};
    const key = apiKey();
    if (key) headers["X-Api-Key"] = key;
    return headers;
  }

  // Reads need the key too when the server sets HotRepos:Api:RequireKeyForReads: ask for it, remember it once it works.
  async function apiGet(url) {
    const response = await fetch(url, { headers: apiHeaders(false) });
    if (response.status === 401) {
      show(apiKeyField, true);
      text(formError, "This server needs an API key to show reports: enter it above.");
      show(formError, true);
    } else if (response.ok && form.elements.apiKey.value) {
      localStorage.setItem("hotrepos-api-key", form.elements.apiKey.value);
    }
    return response;
  }

  function describe(request) {
    const filters = [request.language && `language ${request.language}`, request.topic && `topic ${request.topic}`,
      request.minStars != null && `≥ ${request.minStars} stars`].filter(Boolean).join(", ");
    return `top ${request.top} since ${request.since} by ${request.groupBy}, ${request.layout}` + (filters ? ` (${filters})` : "");
  }

  function problemText(problem) {
    if (problem.errors) return Object.values(problem.errors).flat().join("; ");
    return problem.detail || problem.title || "request failed";
  }

  /** A link to a repository on GitHub, or its name as plain text when the address is not https. */
  function repositoryLink(item) {
    const url = typeof item.htmlUrl === "string" && item.htmlUrl.startsWith("https://") ? item.htmlUrl : null;
    if (!url) return document.createTextNode(item.fullName ?? "");
    const link = document.createElement("a");
    link.setAttribute("href", url);
    link.setAttribute("rel", "noopener noreferrer");
    link.textContent = item.fullName ?? url;
    return link;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(formError, false);
    const f = form.elements;
    const since = f.since.value;
    const body = {
      period: since ? null : f.period.value, since: since || null, date: f.date.value || null,
      top: Number(f.top.value), groupBy: f.groupBy.value, layout: f.layout.value,
      language: f.language.value.trim() || null, topic: f.topic.value.trim() || null,
      minStars: f.minStars.value === "" ? null : Number(f.minStars.value), force: f.force.checked,
    };
    button.disabled = true;
    try {
      const response = await fetch("/api/reports", { method: "POST", headers: apiHeaders(true), body: JSON.stringify(body) });
      const payload = await response.json().catch(() => ({}));
      if (response.status === 401) {
        show(apiKeyField, true);
        throw new Error("This server needs an API key: enter it and try again.");
      }
      if (!response.ok) throw new Error(problemText(payload));
      if (f.apiKey.value) localStorage.setItem("hotrepos-api-key", f.apiKey.value);
      follow(payload);
      refreshRecent();
    } catch (error) {
      text(formError, error.message);
      show(formError, true);
    } finally {
      button.disabled = false;
    }
  });

  // The period and an explicit since date exclude each other: choosing a since date greys out the period.
  form.elements.since.addEventListener("input", () => { form.elements.period.disabled = Boolean(form.elements.since.value); });

  /** Puts a report's settings back into the form, so "View" then "Generate report" runs it again or a variant. */
  function fillForm(request) {
    const f = form.elements;
    f.since.value = request.period ? "" : request.since ?? "";
    f.period.value = request.period ?? "week";
    f.period.disabled = !request.period;
    f.date.value = request.date ?? "";
    f.top.value = request.top;
    f.groupBy.value = request.groupBy;
    if ([...f.layout.options].some(o => o.value === request.layout)) f.layout.value = request.layout;
    f.language.value = request.language ?? "";
    f.topic.value = request.topic ?? "";
    f.minStars.value = request.minStars ?? "";
    f.force.checked = false;
  }

  function follow(job) {
    followed = job.id;
    clearTimeout(followTimer);
    history.replaceState(null, "", `#report=${job.id}`);
    render(job);
    poll();
  }

  /** Follows a job known only by its id (a #report=ID link). */
  function followId(id) {
    followed = id;
    clearTimeout(followTimer);
    poll();
  }

  const isFinal = (state) => ["Succeeded", "Failed", "Cancelled"].includes(state);

  async function poll() {
    if (!followed) return;
    const id = followed;
    try {
      const response = await apiGet(`/api/reports/${id}`);
      if (response.ok && id === followed) {
        const job = await response.json();
        render(job);
        if (isFinal(job.state)) {
          refreshRecent();
          return;
        }
      }
    } catch { /* the next poll tries again */ }
    if (id === followed) followTimer = setTimeout(poll, 500);
  }

  function render(job) {
    show(current, true);
    text($("job-id"), job.id.slice(0, 8));
    const state = $("job-state");
    text(state, job.state);
    state.className = `state ${job.state}`;
    text($("job-detail"), describe(job.request));
    const progress = $("job-progress");
    progress.max = Math.max(job.progress.total, 1);
    progress.value = job.state === "Succeeded" ? progress.max : job.progress.done;
    const wait = $("job-wait");
    text(wait, job.waitingUntil ? `waiting for GitHub's rate limit until ${localTime(job.waitingUntil)}` : "");
    show(wait, Boolean(job.waitingUntil));
    const cancel = $("cancel");
    cancel.dataset.job = job.id;
    show(cancel, !isFinal(job.state));
    const error = $("job-error");
    text(error, job.error);
    show(error, Boolean(job.error));
    $("job-warnings").replaceChildren(...job.warnings.map(w => Object.assign(document.createElement("li"), { textContent: w })));
    const download = $("download");
    if (job.links.csv) {
      download.href = job.links.csv;
      text(download, `Download ${job.result.fileName} (${job.result.repositories} repositories)`);
    }
    show(download, Boolean(job.links.csv));
    lastGroups = job.result ? job.result.topGroups : [];
    drawChart(lastGroups);
    showTable(job);
  }

  async function cancelJob(id) {
    const response = await fetch(`/api/reports/${id}`, { method: "DELETE", headers: apiHeaders(false) });
    if (response.status === 401) {
      show(apiKeyField, true);
      text(formError, "Cancelling needs the API key: enter it above and try again.");
      show(formError, true);
      return;
    }
    if (!response.ok && response.status !== 409) {
      const problem = await response.json().catch(() => ({}));
      text(formError, problemText(problem));
      show(formError, true);
    }
    if (id === followed) poll();
    refreshRecent();
  }

  $("cancel").addEventListener("click", (event) => cancelJob(event.currentTarget.dataset.job));

  // The chart is drawn at the figure's own width in pixels, so its 13 px labels stay 13 px on a phone.
  function drawChart(groups) {
    const figure = $("chart-figure");
    const svg = $("chart");
    show(figure, groups.length > 0);
    if (groups.length === 0) return;
    const width = Math.max(280, figure.clientWidth || 760);
    const rowHeight = 24, labelWidth = Math.min(170, Math.round(width * 0.3)), starsWidth = width < 520 ? 78 : 130;
    const barWidth = width - labelWidth - starsWidth - 40;
    const most = Math.max(...groups.map(g => g.repositories));
    const maxChars = Math.floor((labelWidth - 12) / 7.5);
    const element = (name, attributes, content) => {
      const node = document.createElementNS(svgNs, name);
      for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
      if (content != null) node.textContent = content;
      return node;
    };
    svg.setAttribute("viewBox", `0 0 ${width} ${groups.length * rowHeight + 4}`);
    svg.setAttribute("width", width);
    svg.replaceChildren(...groups.map((g, i) => {
      const y = i * rowHeight + 2, w = Math.max(2, barWidth * g.repositories / most);
      const name = String(g.name);
      const label = name.length > maxChars ? name.slice(0, maxChars - 1) + "…" : name;
      const row = element("g", { class: "group-row", tabindex: "0", role: "button", "data-group": name });
      row.append(
        element("title", {}, `${name}: ${g.repositories} repositories, ${number(g.stars)} stars (click to show them)`),
        element("rect", { class: "hit", x: 0, y, width, height: rowHeight }),
        element("text", { x: labelWidth - 8, y: y + 15, "text-anchor": "end" }, label),
        element("rect", { class: "bar", x: labelWidth, y: y + 2, width: w, height: rowHeight - 6, rx: 3 }),
        element("text", { x: labelWidth + w + 6, y: y + 15 }, `${g.repositories}`),
        element("text", { class: "stars", x: width - starsWidth + 8, y: y + 15 }, `★ ${number(g.stars)}`));
      const choose = () => filterByGroup(name);
      row.addEventListener("click", choose);
      row.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(); } });
      return row;
    }));
  }

  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => drawChart(lastGroups), 100);
  });

  // ---- The report's repositories: GET /api/reports/{id}/repositories, filtered, sorted and paged by the server.

  function showTable(job) {
    const panel = $("report-table");
    const url = job.state === "Succeeded" ? job.links.repositories : null;
    show(panel, Boolean(url));
    if (!url || (table.job === job.id && table.url === url)) return;
    Object.assign(table, { job: job.id, url, group: "", q: "", sort: "rank", order: "asc", offset: 0 });
    $("repo-search").value = "";
    const groups = $("repo-group");
    groups.replaceChildren(new Option("all groups", ""), ...(job.result?.topGroups ?? []).map(g => new Option(String(g.name), String(g.name))));
    loadRepositories();
  }

  function filterByGroup(name) {
    const groups = $("repo-group");
    if (![...groups.options].some(o => o.value === name)) groups.append(new Option(name, name));
    groups.value = name;
    Object.assign(table, { group: name, offset: 0 });
    loadRepositories();
    $("report-table").scrollIntoView({ block: "start", behavior: "smooth" });
  }

  function repositoriesUrl() {
    const query = new URLSearchParams({ sort: table.sort, order: table.order, offset: table.offset, limit: pageSize });
    if (table.group) query.set("group", table.group);
    if (table.q) query.set("q", table.q);
    return `${table.url}?${query}`;
  }

  async function loadRepositories() {
    if (!table.url) return;
    const asked = repositoriesUrl();
    const error = $("table-error");
    try {
      const response = await apiGet(asked);
      if (asked !== repositoriesUrl()) return; // a newer question is on its way
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new Error(response.status === 410
          ? "This report's repositories are no longer kept (snapshot retention); its CSV may still be there."
          : problemText(problem));
      }
      const page = await response.json();
      table.total = page.total;
      show(error, false);
      $("repos").querySelector("tbody").replaceChildren(...page.items.map(repositoryRow));
      updateSortHeaders();
      const first = page.total === 0 ? 0 : table.offset + 1;
      text($("page-info"), `${first}–${table.offset + page.items.length} of ${page.total}`);
      $("page-prev").disabled = table.offset === 0;
      $("page-next").disabled = table.offset + pageSize >= page.total;
    } catch (failure) {
      text(error, failure.message);
      show(error, true);
    }
  }

  function repositoryRow(item) {
    const row = document.createElement("tr");
    const name = cell("", "repository");
    name.append(repositoryLink(item));
    const topics = document.createElement("td");
    topics.className = "topics";
    for (const topic of item.topics ?? []) topics.append(Object.assign(document.createElement("span"), { className: "topic", textContent: topic }));
    row.append(cell(String(item.rank), "num"), name, cell(item.description, "description"), cell(number(item.stars), "num"),
      gainedCell(item), cell(item.language ?? "—"), topics, cell(item.createdAt?.slice(0, 10), "created"));
    return row;
  }

  function gainedCell(item) {
    const gained = cell("", "num gained");
    if (item.starsGained == null) {
      gained.append(Object.assign(document.createElement("span"), { className: "muted", textContent: "new", title: "no earlier report holds it" }));
      return gained;
    }
    gained.append(`+${number(item.starsGained)}`);
    if (item.starsPerDay != null) gained.title = `${item.starsPerDay.toFixed(1)} stars a day`;
    addSparkline(gained, item.fullName);
    return gained;
  }

  $("repos").querySelector("thead").addEventListener("click", (event) => {
    const sortButton = event.target.closest("button[data-sort]");
    if (!sortButton) return;
    const sort = sortButton.dataset.sort;
    const ascendingFirst = sort === "rank" || sort === "name";
    table.order = table.sort === sort ? (table.order === "asc" ? "desc" : "asc") : (ascendingFirst ? "asc" : "desc");
    table.sort = sort;
    table.offset = 0;
    loadRepositories();
  });

  function updateSortHeaders() {
    for (const header of $("repos").querySelectorAll("th")) {
      const sortButton = header.querySelector("button[data-sort]");
      if (sortButton && sortButton.dataset.sort === table.sort) header.setAttribute("aria-sort", table.order === "asc" ? "ascending" : "descending");
      else header.removeAttribute("aria-sort");
    }
  }

  let searchTimer = null;
  $("repo-search").addEventListener("input", (event) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      Object.assign(table, { q: event.target.value.trim(), offset: 0 });
      loadRepositories();
    }, 250);
  });
  $("repo-group").addEventListener("change", (event) => {
    Object.assign(table, { group: event.target.value, offset: 0 });
    loadRepositories();
  });
  $("page-prev").addEventListener("click", () => { table.offset = Math.max(0, table.offset - pageSize); loadRepositories(); });
  $("page-next").addEventListener("click", () => { table.offset += pageSize; loadRepositories(); });

  // ---- Star history sparklines: GET /api/repositories/{owner}/{name}/history, a few at a time, each asked once.

  const histories = new Map();
  const historyQueue = [];
  let historyRunning = 0;

  function starHistory(fullName) {
    if (!histories.has(fullName)) {
      histories.set(fullName, new Promise((resolve) => { historyQueue.push({ fullName, resolve }); pumpHistories(); }));
    }
    return histories.get(fullName);
  }

  function pumpHistories() {
    while (historyRunning < 4 && historyQueue.length > 0) {
      const { fullName, resolve } = historyQueue.shift();
      historyRunning++;
      const [owner, name] = String(fullName).split("/");
      apiGet(`/api/repositories/${encodeURIComponent(owner)}/${encodeURIComponent(name ?? "")}/history`)
        .then(response => response.ok ? response.json() : null)
        .then(body => resolve(body?.points ?? []), () => resolve([]))
        .finally(() => { historyRunning--; pumpHistories(); });
    }
  }

  async function addSparkline(container, fullName) {
    const points = await starHistory(fullName);
    if (points.length < 2) return;
    const width = 64, height = 18;
    const times = points.map(p => Date.parse(p.observedAt)), stars = points.map(p => p.stars);
    const t0 = Math.min(...times), t1 = Math.max(...times), s0 = Math.min(...stars), s1 = Math.max(...stars);
    const x = (t) => t1 === t0 ? 0 : (t - t0) / (t1 - t0) * (width - 2) + 1;
    const y = (s) => s1 === s0 ? height / 2 : height - 1 - (s - s0) / (s1 - s0) * (height - 2);
    const svg = document.createElementNS(svgNs, "svg");
    svg.setAttribute("class", "sparkline");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `stars over ${points.length} reports: ${stars.map(number).join(", ")}`);
    const line = document.createElementNS(svgNs, "polyline");
    line.setAttribute("points", points.map((p, i) => `${x(times[i]).toFixed(1)},${y(stars[i]).toFixed(1)}`).join(" "));
    svg.append(line);
    container.append(" ", svg);
  }

  // ---- Rising: GET /api/rising.

  async function loadRising() {
    const query = new URLSearchParams({ period: $("rising-period").value, top: 25 });
    const language = $("rising-language").value.trim(), topic = $("rising-topic").value.trim();
    if (language) query.set("language", language);
    if (topic) query.set("topic", topic);
    const error = $("rising-error");
    try {
      const response = await apiGet(`/api/rising?${query}`);
      if (!response.ok) throw new Error(problemText(await response.json().catch(() => ({}))));
      const { items } = await response.json();
      show(error, false);
      show($("rising-empty"), items.length === 0);
      $("rising").querySelector("tbody").replaceChildren(...items.map(item => {
        const row = document.createElement("tr");
        const name = cell("", "repository");
        name.append(repositoryLink(item));
        row.append(cell(String(item.rank), "num"), name, cell(item.description, "description"), cell(number(item.stars), "num"),
          gainedCell(item), cell(item.starsPerDay == null ? "" : item.starsPerDay.toFixed(1), "num"), cell(item.language ?? "—"),
          cell(item.since ? item.since.replace("T", " ").slice(0, 16) : "", "created"));
        return row;
      }));
    } catch (failure) {
      text(error, failure.message);
      show(error, true);
    }
  }

  for (const id of ["rising-period", "rising-language", "rising-topic"]) $(id).addEventListener("change", loadRising);

  function showView(rising) {
    history.replaceState(null, "", rising ? "#rising" : followed ? `#report=${followed}` : location.pathname);
    show($("reports-view"), !rising);
    show($("rising-view"), rising);
    $("show-reports").setAttribute("aria-pressed", String(!rising));
    $("show-rising").setAttribute("aria-pressed", String(rising));
    if (rising) loadRising();
    else drawChart(lastGroups);
  }

  $("show-reports").addEventListener("click", () => showView(false));
  $("show-rising").addEventListener("click", () => showView(true));

  // ---- Recent reports.

  async function refreshRecent() {
    try {
      const response = await apiGet("/api/reports?limit=10");
      if (!response.ok) return;
      const jobs = await response.json();
      const rows = jobs.map(job => {
        const row = document.createElement("tr");
        const cells = [job.createdAt.replace("T", " ").slice(0, 19), describe(job.request), job.state,
          job.result ? String(job.result.repositories) : ""];
        for (const value of cells) row.append(cell(value));
        const actions = cell("", "actions");
        const view = Object.assign(document.createElement("button"), { type: "button", textContent: "View", className: "secondary" });
        view.addEventListener("click", () => {
          fillForm(job.request);
          follow(job);
          current.scrollIntoView({ block: "start" });
        });
        actions.append(view);
        if (!isFinal(job.state)) {
          const cancel = Object.assign(document.createElement("button"), { type: "button", textContent: "Cancel", className: "secondary" });
          cancel.addEventListener("click", () => cancelJob(job.id));
          actions.append(" ", cancel);
        }
        if (job.links.csv) actions.append(" ", Object.assign(document.createElement("a"), { href: job.links.csv, textContent: "CSV" }));
        row.append(actions);
        return row;
      });
      $("recent").querySelector("tbody").replaceChildren(...rows);
    } catch { /* keep the last table */ }
  }

  // A link cannot send X-Api-Key: with a key, CSV links are fetched with it and saved from memory.
  document.addEventListener("click", async (event) => {
    const link = event.target.closest("a[href$='/csv']");
    if (!link || !apiKey()) return;
    event.preventDefault();
    const response = await apiGet(link.getAttribute("href"));
    if (!response.ok) return;
    const name = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "")?.[1] || "report.csv";
    const url = URL.createObjectURL(await response.blob());
    const save = Object.assign(document.createElement("a"), { href: url, download: name });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });

  form.elements.apiKey.addEventListener("change", refreshRecent);
  // #report=ID opens that report, #rising the Rising view: links that can be shared or bookmarked.
  const linked = /^#report=([0-9a-f]{32})$/.exec(location.hash);
  if (linked) followId(linked[1]);
  if (location.hash === "#rising") showView(true);
  refreshRecent();
  setInterval(refreshRecent, 5000);
})();
