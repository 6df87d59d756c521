--[[
conditional_content.lua — Quarto's conditional content for the pandoc path.

`::: {.content-visible when-format="html"}` keeps its content only for HTML
output; `.content-hidden when-format="html"` drops it there. Quarto does this
itself; this filter gives the plain-pandoc path the same behaviour, so one
notebook serves both (e.g. nanoplots on the web page, plain figures in Word).
]]

local function matches(format)
  if format == "html" then
    return FORMAT:match("html") ~= nil
  end
  return FORMAT == format
end

function Div(el)
  local format = el.attributes["when-format"]
  if format == nil then return nil end
  if el.classes:includes("content-visible") then
    if matches(format) then return el.content end
    return {}
  elseif el.classes:includes("content-hidden") then
    if matches(format) then return {} end
    return el.content
  end
end
