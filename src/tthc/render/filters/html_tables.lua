--[[
html_tables.lua — turn raw HTML tables (great-tables output) into real tables.

Why: pandoc's Word/ODT/LaTeX writers silently drop raw HTML, so a
great-tables table would vanish from the .docx.  Re-reading the HTML with
pandoc's own HTML reader keeps spanners and stub headers as merged cells.
Everything else that is raw HTML (<style>, <script>, <link>, wrapper <div>s)
is meaningless outside a browser and is dropped.

Output formats that can carry raw HTML (HTML, EPUB, HTML slides, markdown,
ipynb) are left untouched.

Two input shapes are handled:
  * a whole table in one raw block (```{=html} fence, ipynb output, Quarto);
  * a table that pandoc's markdown reader shredded into many raw blocks and
    Plain blocks (HTML pasted into markdown without a fence).

Each table becomes ONE block (a Div when the HTML held more than a table),
because pandoc keeps only the first block of an ipynb output
(--ipynb-output=best runs after filters).
]]

local KEEPS_RAW_HTML = {
  html = true, html4 = true, html5 = true, chunkedhtml = true,
  epub = true, epub2 = true, epub3 = true,
  revealjs = true, slidy = true, slideous = true, s5 = true, dzslides = true,
  markdown = true, markdown_strict = true, markdown_phpextra = true,
  markdown_github = true, markdown_mmd = true, gfm = true,
  commonmark = true, commonmark_x = true, ipynb = true,
}

local ALIGNMENT_OF_CLASS = {
  gt_left = "AlignLeft", gt_center = "AlignCenter", gt_right = "AlignRight",
}

local function count(text, pattern)
  local n = 0
  for _ in text:lower():gmatch(pattern) do n = n + 1 end
  return n
end

local function table_depth_change(text)
  return count(text, "<table[%s>]") - count(text, "</table%s*>")
end

local function is_html_raw(block)
  return block.t == "RawBlock" and (block.format == "html" or block.format == "html5")
end

local function as_html(block)
  if is_html_raw(block) then return block.text end
  if block.t == "RawBlock" then return "" end
  return pandoc.write(pandoc.Pandoc({ block }), "html")
end

local function align_cells(rows)
  for _, row in ipairs(rows) do
    for _, cell in ipairs(row.cells) do
      for _, class in ipairs(cell.classes) do
        if ALIGNMENT_OF_CLASS[class] then cell.alignment = ALIGNMENT_OF_CLASS[class] end
      end
    end
  end
end

-- great-tables marks alignment with classes (gt_right …) that the HTML reader ignores.
local function honour_gt_alignment(tbl)
  align_cells(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    align_cells(body.head)
    align_cells(body.body)
  end
  align_cells(tbl.foot.rows)
  return tbl
end

local function is_empty(block)
  return (block.t == "Plain" or block.t == "Para") and #block.content == 0
end

local CLEAN = {
  RawBlock = function() return {} end,
  RawInline = function() return {} end,
  -- GT wraps tables in <div id="random">: the id would become a bookmark that
  -- changes on every render.  Divs that carry a Word style
  -- (<div data-custom-style="Signature">) are kept, without their id, and
  -- their Plain blocks become Para: the docx writer styles every Plain in a
  -- table cell "Compact", whatever the Div says.
  Div = function(div)
    if not div.attributes["custom-style"] then return div.content end
    div.identifier = ""
    div.content = div.content:map(function(block)
      if block.t == "Plain" then return pandoc.Para(block.content) end
      return block
    end)
    return div
  end,
  Table = honour_gt_alignment,
}

-- <style> elements become raw blocks that CLEAN drops: cut before reading, they are a fifth of the time of
-- reading great-tables' HTML (each table carries ~9 KB of CSS).
local STYLE = "<[Ss][Tt][Yy][Ll][Ee][%s>].-</[Ss][Tt][Yy][Ll][Ee]%s*>"

local function html_to_block(html)
  html = html:gsub(STYLE, "")
  local blocks = pandoc.Pandoc(pandoc.read(html, "html").blocks):walk(CLEAN).blocks
  local kept = pandoc.Blocks({})
  for _, block in ipairs(blocks) do
    if not is_empty(block) then kept:insert(block) end
  end
  if #kept == 1 then return kept[1] end
  return pandoc.Div(kept)
end

local function convert(blocks)
  local out = pandoc.Blocks({})
  local pending, depth = nil, 0
  for _, block in ipairs(blocks) do
    if pending then
      local html = as_html(block)
      table.insert(pending, html)
      if is_html_raw(block) then depth = depth + table_depth_change(html) end
      if depth <= 0 then
        out:insert(html_to_block(table.concat(pending, "\n")))
        pending, depth = nil, 0
      end
    elseif is_html_raw(block) then
      if block.text:lower():find("<table[%s>]") then
        depth = table_depth_change(block.text)
        if depth > 0 then
          pending = { block.text }
        else
          out:insert(html_to_block(block.text))
        end
      end
      -- any other raw HTML block is dropped
    else
      out:insert(block)
    end
  end
  if pending then -- unbalanced HTML: parse what we have rather than lose it
    out:insert(html_to_block(table.concat(pending, "\n")))
  end
  return out
end

if KEEPS_RAW_HTML[FORMAT] then
  return {}
end

return { { Blocks = convert } }
