-- Headless Neovim as a keelson client: opens a Dockerfile and a compose file, attaches keelson's
-- language server to both, waits for diagnostics and writes what vim.diagnostic.get() returns
-- as JSON. Driven by tests/nvim.rs; works on Neovim 0.7 (vim.lsp.start_client) and later
-- (vim.lsp.start).
vim.cmd("filetype on") -- init files run before filetype detection is switched on
local bin = os.getenv("KEELSON_BIN")
local out = os.getenv("KEELSON_OUT")
local files = { dockerfile = os.getenv("KEELSON_DOCKERFILE"), compose = os.getenv("KEELSON_COMPOSE") }
local root = vim.fn.fnamemodify(files.dockerfile, ":h")

local config = { name = "keelson", cmd = { bin, "lsp" }, root_dir = root }
local client_id
local function attach(buf)
  if vim.lsp.start then
    vim.api.nvim_buf_call(buf, function()
      vim.lsp.start(config)
    end)
  else
    client_id = client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
end

local bufs = {}
for _, kind in ipairs({ "dockerfile", "compose" }) do
  vim.cmd("edit " .. vim.fn.fnameescape(files[kind]))
  bufs[kind] = vim.api.nvim_get_current_buf()
  attach(bufs[kind])
end

local ok = vim.wait(60000, function()
  return #vim.diagnostic.get(bufs.dockerfile) > 0 and #vim.diagnostic.get(bufs.compose) > 0
end, 50)

local result = { ok = ok, filetypes = {}, diagnostics = {} }
for kind, buf in pairs(bufs) do
  result.filetypes[kind] = vim.bo[buf].filetype
  result.diagnostics[kind] = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics[kind], {
      code = d.code or lsp.code,
      lnum = d.lnum,
      col = d.col,
      source = d.source or lsp.source,
    })
  end
end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.cmd("qa!")
