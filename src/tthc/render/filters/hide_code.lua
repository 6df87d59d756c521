--[[
hide_code.lua — show a report, not a notebook.

Removes the source of code cells and their stdout/stderr stream outputs so
that only rich outputs (tables, charts, markdown) remain.  Two cell shapes
are recognised:
  * pandoc's ipynb reader:  Div.cell.code > CodeBlock (source)
                                          > Div.output.stream.{stdout,stderr}
  * Quarto's markdown:      Div.cell > CodeBlock.cell-code
                                     > Div.cell-output-stdout / -stderr

It also turns "text/markdown" outputs (IPython.display.Markdown) into real
blocks for non-markdown targets: otherwise --ipynb-output=best, which runs
after filters, would prefer the text/plain repr for Word.
]]

local MARKDOWN_TARGETS = {
  markdown = true, markdown_strict = true, markdown_phpextra = true,
  markdown_github = true, markdown_mmd = true, gfm = true,
  commonmark = true, commonmark_x = true, ipynb = true,
}

local function is_stream_output(block)
  if block.t ~= "Div" then return false end
  local classes = block.classes
  return (classes:includes("output") and classes:includes("stream"))
    or classes:includes("cell-output-stdout")
    or classes:includes("cell-output-stderr")
end

local function is_source(block, cell)
  if block.t ~= "CodeBlock" then return false end
  return cell.classes:includes("code") or block.classes:includes("cell-code")
end

local function promote_markdown(output)
  if MARKDOWN_TARGETS[FORMAT] then return output end
  output.content = output.content:map(function(block)
    if block.t == "RawBlock" and block.format == "markdown" then
      return pandoc.Div(pandoc.read(block.text, "markdown").blocks)
    end
    return block
  end)
  return output
end

local function strip_cell(cell)
  local kept = pandoc.Blocks({})
  for _, block in ipairs(cell.content) do
    if not (is_source(block, cell) or is_stream_output(block)) then
      if block.t == "Div" and block.classes:includes("output") then
        block = promote_markdown(block)
      end
      kept:insert(block)
    end
  end
  cell.content = kept
  return cell
end

function Div(el)
  if el.classes:includes("cell") then return strip_cell(el) end
end
