--[[
notebook_outputs.lua — turn an executed notebook into a document, as Quarto does.

Run with `--ipynb-output=all`: pandoc then keeps every representation of each
output, and this filter chooses one per output for the target format:
  * text/markdown  → parsed as markdown (our narrative, with raw HTML tables);
  * text/html      → kept for HTML output (interactive charts, tables);
  * image/png      → kept for every other format (charts in Word);
  * text/plain     → dropped when nothing richer exists (it is only a repr).
Code sources and stream outputs (stdout/stderr) are removed, and the cell and
output wrappers are unwrapped, so headings are top-level blocks and the table
of contents lists them.
]]

local function is_html_target()
  return FORMAT:match("html") ~= nil
end

local function is_image_para(block)
  if block.t == "Figure" then return true end
  return block.t == "Para" and #block.content == 1 and block.content[1].t == "Image"
end

local function choose(output)
  local markdown, html, image
  for _, block in ipairs(output.content) do
    if block.t == "RawBlock" and block.format == "markdown" then
      markdown = block
    elseif block.t == "RawBlock" and block.format == "html" then
      html = block
    elseif is_image_para(block) then
      image = block
    end
  end
  if markdown then return pandoc.read(markdown.text, "markdown").blocks end
  if html and is_html_target() then return pandoc.Blocks({ html }) end
  if image then return pandoc.Blocks({ image }) end
  if html then return pandoc.Blocks({ html }) end
  return pandoc.Blocks({})
end

local function is_stream(block)
  return block.t == "Div" and block.classes:includes("output") and block.classes:includes("stream")
end

function Div(el)
  if not el.classes:includes("cell") then return nil end
  local kept = pandoc.Blocks({})
  for _, block in ipairs(el.content) do
    if block.t == "CodeBlock" or is_stream(block) then
      -- the source of a code cell, or its printed noise
    elseif block.t == "Div" and block.classes:includes("output") then
      kept:extend(choose(block))
    else
      kept:insert(block)
    end
  end
  return kept
end
