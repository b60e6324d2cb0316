// One forced-choice assignment: shows each trial (content and style beside images A and B), takes the answer by
// mouse or keyboard (ArrowLeft/F = A, ArrowRight/J = B) only once all four images have loaded and the minimum time
// has passed, and at the end saves the answers (AssignmentAnswers JSON) as a download, posts them when the study has
// a postUrl, and fills a hidden "answers" field when the page is a crowdsourcing template.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("study-data").textContent);
  if (typeof data.trials === "string") {
    // The crowdsourcing template's compact form: "id:question:content:style:left:right;…".
    data.trials = data.trials.split(";").filter(Boolean).map(function (t) {
      var p = t.split(":");
      return { id: p[0], q: p[1], content: p[2], style: p[3], left: p[4], right: p[5] };
    });
  }
  var $ = function (id) { return document.getElementById(id); };
  var query = new URLSearchParams(location.search);
  var minMs = Math.max(0, (data.minSeconds || 0) * 1000);
  var state = { index: -1, ready: false, shownAt: 0, token: 0, answers: [], startedAt: null, rater: null, finished: false };
  var questions = {};
  data.questions.forEach(function (q) { questions[q.code] = q.text; });

  function src(id) { return data.images + id + ".png"; }

  function hint(text, warn) {
    var h = $("hint");
    h.textContent = text;
    h.className = warn ? "hint warn" : "hint";
  }

  function start() {
    var rater = $("rater").value.trim();
    state.rater = rater.length ? rater : null;
    state.startedAt = new Date().toISOString();
    $("start").hidden = true;
    $("trial").hidden = false;
    show(0);
  }

  function show(index) {
    state.index = index;
    state.ready = false;
    var token = ++state.token;
    var trial = data.trials[index];
    var total = data.trials.length;
    $("count").textContent = "Trial " + (index + 1) + " of " + total;
    $("bar").style.width = (100 * index / total) + "%";
    $("question").textContent = questions[trial.q];
    $("choices").className = "choices";
    hint("Loading images\u2026");
    var images = [["content", trial.content], ["style", trial.style], ["leftImg", trial.left], ["rightImg", trial.right]];
    var pending = images.length;
    images.forEach(function (pair) {
      var img = $(pair[0]), counted = false;
      var done = function () {
        if (counted || token !== state.token) return;
        counted = true;
        if (--pending === 0) loaded(token);
      };
      img.onload = done;
      img.onerror = function () {
        if (token === state.token) hint("An image could not be loaded. Please reload the page.", true);
      };
      img.src = src(pair[1]);
      if (img.complete && img.naturalWidth > 0) done();
    });
  }

  function loaded(token) {
    state.ready = true;
    state.shownAt = performance.now();
    hint(minMs > 0 ? "Please look at both images\u2026" : "Choose A or B.");
    setTimeout(function () {
      if (token !== state.token) return;
      $("choices").className = "choices ready";
      hint("Choose A (\u2190 or F) or B (\u2192 or J).");
    }, minMs);
    preload(state.index + 1);
  }

  function preload(index) {
    var next = data.trials[index];
    if (!next) return;
    [next.content, next.style, next.left, next.right].forEach(function (id) { new Image().src = src(id); });
  }

  function choose(side, input) {
    if (state.index < 0 || state.finished) return;
    if (!state.ready) { hint("Please wait until all images have loaded.", true); return; }
    var elapsed = performance.now() - state.shownAt;
    if (elapsed < minMs) { hint("Please look at both images a little longer.", true); return; }
    var trial = data.trials[state.index];
    state.answers.push({
      trial: trial.id, index: state.index, question: trial.q, choice: side,
      left: trial.left, right: trial.right, milliseconds: Math.round(elapsed), input: input
    });
    if (state.index + 1 < data.trials.length) show(state.index + 1);
    else finish();
  }

  function finish() {
    state.finished = true;
    state.ready = false;
    var result = {
      study: data.study, assignment: data.assignment, rater: state.rater,
      startedAt: state.startedAt, finishedAt: new Date().toISOString(),
      userAgent: navigator.userAgent, answers: state.answers
    };
    var json = JSON.stringify(result);
    $("bar").style.width = "100%";
    $("trial").hidden = true;
    $("done").hidden = false;
    var link = $("download");
    link.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    link.download = data.assignment + (state.rater ? "-" + state.rater.replace(/[^A-Za-z0-9_-]/g, "_") : "") + ".answers.json";
    var field = document.getElementById("answers");
    if (field) {
      field.value = json;
      var submit = document.getElementById("submitButton");
      if (submit) submit.disabled = false;
      $("saved").textContent = "Thank you! Please press Submit to send your answers.";
    }
    if (data.postUrl) {
      $("saved").textContent = "Sending your answers\u2026";
      fetch(data.postUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: json })
        .then(function (r) {
          $("saved").textContent = r.ok ? "Your answers have been sent. Thank you!"
            : "Sending failed (" + r.status + "). Please download your answers and send the file.";
        })
        .catch(function () { $("saved").textContent = "Sending failed. Please download your answers and send the file."; });
    }
  }

  $("rater").value = query.get("rater") || query.get("workerId") || "";
  $("begin").addEventListener("click", start);
  $("left").addEventListener("click", function () { choose("left", "mouse"); });
  $("right").addEventListener("click", function () { choose("right", "mouse"); });
  document.addEventListener("keydown", function (e) {
    if (e.repeat || e.altKey || e.ctrlKey || e.metaKey || $("trial").hidden) return;
    if (e.key === "ArrowLeft" || e.key === "f" || e.key === "F") { e.preventDefault(); choose("left", "key"); }
    else if (e.key === "ArrowRight" || e.key === "j" || e.key === "J") { e.preventDefault(); choose("right", "key"); }
  });
  $("total").textContent = String(data.trials.length);
})();
