"use strict";
// HotRepos page: queue a report, follow its job, offer the CSV, show recent reports. No framework, no CDN.
(() => {
  const form = document.getElementById("report-form");
  const button = document.getElementById("generate");
  const formError = document.getElementById("form-error");
  const apiKeyField = document.getElementById("api-key-field");
  const current = document.getElementById("current");
  let followed = null;
  let followTimer = null;

  const text = (element, value) => { element.textContent = value ?? ""; };
  const show = (element, visible) => { element.hidden = !visible; };

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

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(formError, false);
    const f = form.elements;
    const body = {
      period: f.period.value, top: Number(f.top.value), groupBy: f.groupBy.value, layout: f.layout.value,
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
    } catch (error) {
      text(formError, error.message);
      show(formError, true);
    } finally {
      button.disabled = false;
    }
  });

  function follow(job) {
    followed = job.id;
    clearTimeout(followTimer);
    render(job);
    poll();
  }

  async function poll() {
    if (!followed) return;
    try {
      const response = await apiGet(`/api/reports/${followed}`);
      if (response.ok) {
        const job = await response.json();
        render(job);
        if (["Succeeded", "Failed", "Cancelled"].includes(job.state)) {
          refreshRecent();
          return;
        }
      }
    } catch { /* the next poll tries again */ }
    followTimer = setTimeout(poll, 500);
  }

  function render(job) {
    show(current, true);
    text(document.getElementById("job-id"), job.id.slice(0, 8));
    const state = document.getElementById("job-state");
    text(state, job.state);
    state.className = `state ${job.state}`;
    text(document.getElementById("job-detail"), describe(job.request));
    const progress = document.getElementById("job-progress");
    progress.max = Math.max(job.progress.total, 1);
    progress.value = job.state === "Succeeded" ? progress.max : job.progress.done;
    const error = document.getElementById("job-error");
    text(error, job.error);
    show(error, Boolean(job.error));
    const warnings = document.getElementById("job-warnings");
    warnings.replaceChildren(...job.warnings.map(w => Object.assign(document.createElement("li"), { textContent: w })));
    const download = document.getElementById("download");
    if (job.links.csv) {
      download.href = job.links.csv;
      text(download, `Download ${job.result.fileName} (${job.result.repositories} repositories)`);
    }
    show(download, Boolean(job.links.csv));
    drawChart(job.result ? job.result.topGroups : []);
  }

  function drawChart(groups) {
    const figure = document.getElementById("chart-figure");
    const svg = document.getElementById("chart");
    show(figure, groups.length > 0);
    if (groups.length === 0) return;
    const rowHeight = 24, labelWidth = 170, barWidth = 420, width = labelWidth + barWidth + 170;
    const most = Math.max(...groups.map(g => g.repositories));
    const ns = "http://www.w3.org/2000/svg";
    const element = (name, attributes, content) => {
      const node = document.createElementNS(ns, name);
      for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
      if (content != null) node.textContent = content;
      return node;
    };
    svg.setAttribute("viewBox", `0 0 ${width} ${groups.length * rowHeight + 4}`);
    svg.replaceChildren(...groups.flatMap((g, i) => {
      const y = i * rowHeight + 2, w = Math.max(2, barWidth * g.repositories / most);
      return [
        element("text", { x: labelWidth - 8, y: y + 15, "text-anchor": "end" }, g.name),
        element("rect", { class: "bar", x: labelWidth, y: y + 2, width: w, height: rowHeight - 6, rx: 3 }),
        element("text", { x: labelWidth + w + 6, y: y + 15 }, `${g.repositories}`),
        element("text", { class: "stars", x: labelWidth + barWidth + 40, y: y + 15 }, `★ ${g.stars.toLocaleString("en")}`),
      ];
    }));
  }

  async function refreshRecent() {
    try {
      const response = await apiGet("/api/reports?limit=10");
      if (!response.ok) return;
      const jobs = await response.json();
      const rows = jobs.map(job => {
        const row = document.createElement("tr");
        const cells = [job.createdAt.replace("T", " ").slice(0, 19), describe(job.request), job.state,
          job.result ? String(job.result.repositories) : ""];
        for (const value of cells) row.append(Object.assign(document.createElement("td"), { textContent: value }));
        const actions = document.createElement("td");
        const view = Object.assign(document.createElement("button"), { type: "button", textContent: "View" });
        view.addEventListener("click", () => follow(job));
        actions.append(view);
        if (job.links.csv) actions.append(" ", Object.assign(document.createElement("a"), { href: job.links.csv, textContent: "CSV" }));
        row.append(actions);
        return row;
      });
      document.querySelector("#recent tbody").replaceChildren(...rows);
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
  refreshRecent();
  setInterval(refreshRecent, 5000);
})();
