-- Drives a headless Neovim through a plan, for tests/neovim.py: sourced with --cmd, before the
-- init.lua under test, so that the first publishDiagnostics is seen even if it comes early.
-- TIMELINE_PLAN (set by a --cmd before this one) is the path of a JSON file:
--   {"out": PATH, "timeout": MS, "steps": [STEP, ...]}, each step one of
--   {"do": "wait"}                          the first diagnostics of the document
--   {"do": "diagnostics", "as": NAME}       vim.diagnostic.get(0) and the underlines drawn
--   {"do": "set_line", "line": N, "text": T} replace line N (0-based), as a keystroke would,
--                                           and wait for the diagnostics of that version
--   {"do": "hover", "line": N, "character": C, "as": NAME}  textDocument/hover's text
-- The result (out) is JSON: the named records, "latencies" (ms from each set_line to its
-- diagnostics), "clients" (the names attached to the buffer) and "error" when a step failed.

local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(TIMELINE_PLAN), "\n"))
local published = {} -- { uri =, version =, at = } for each publishDiagnostics, in order

local original = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  original(err, result, ctx, config)
  table.insert(published, { uri = result.uri, version = result.version, at = vim.loop.hrtime() })
end

local function wait_for(what, condition)
  if not vim.wait(plan.timeout, condition, 10) then
    error("timed out waiting for " .. what, 0)
  end
end

-- The extmarks vim.diagnostic drew as underlines: what a user sees under the text.
local function underlines()
  local found = {}
  for _, ns in pairs(vim.diagnostic.get_namespaces()) do
    local drawn = ns.user_data and ns.user_data.underline_ns
    if drawn then
      for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(0, drawn, 0, -1, { details = true })) do
        local details = mark[4]
        table.insert(found, { lnum = mark[2], col = mark[3], end_lnum = details.end_row,
          end_col = details.end_col, hl_group = details.hl_group })
      end
    end
  end
  return found
end

local function hover_text(line, character)
  local params = { textDocument = vim.lsp.util.make_text_document_params(),
    position = { line = line, character = character } }
  local answers = vim.lsp.buf_request_sync(0, "textDocument/hover", params, plan.timeout)
  for _, answer in pairs(answers or {}) do
    if answer.result then
      return answer.result.contents.value
    end
  end
  return vim.NIL
end

-- The time the diagnostics of this buffer came (of ``version``, if given), or nil.
-- The server also publishes for the other files of the timeline: those do not count.
local function answered(uri, version)
  for _, p in ipairs(published) do
    if p.uri == uri and (version == nil or p.version == version) then
      return p.at
    end
  end
end

local function run(out)
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  for _, step in ipairs(plan.steps) do
    if step["do"] == "wait" then
      wait_for("the first diagnostics", function() return answered(uri) ~= nil end)
    elseif step["do"] == "diagnostics" then
      out[step.as] = { diagnostics = vim.diagnostic.get(buf), underlines = underlines() }
    elseif step["do"] == "set_line" then
      local sent = vim.loop.hrtime()
      vim.api.nvim_buf_set_lines(buf, step.line, step.line + 1, false, { step.text })
      local version = vim.lsp.util.buf_versions[buf]
      wait_for("the diagnostics of version " .. version, function()
        return answered(uri, version) ~= nil
      end)
      table.insert(out.latencies, (answered(uri, version) - sent) / 1e6)
    elseif step["do"] == "hover" then
      out[step.as] = hover_text(step.line, step.character)
    else
      error("unknown step " .. vim.inspect(step), 0)
    end
  end
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local out = { latencies = {}, clients = {} }
    local ok, message = xpcall(run, debug.traceback, out)
    for _, client in pairs(vim.lsp.buf_get_clients(0)) do
      table.insert(out.clients, client.name)
    end
    if not ok then
      out.error = message
    end
    vim.fn.writefile({ vim.fn.json_encode(out) }, plan.out)
    vim.cmd("qa!")
  end,
})
