-- The quick log as htmx posts it: one encounter with one of several contacts, answered with the
-- "logged" partial (200). wrk ... -s log.lua URL -- COOKIE CSRFTOKEN YYYY-MM-DD CONTACT_ID [...]
dofile("common.lua")

local kinds = { "coffee", "coffee", "meal", "phone_call", "video_call", "office_visit" }

function init(args)
  math.randomseed(id or 1)
  headers = {
    Cookie = args[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["HX-Request"] = "true",
  }
  prefix = "csrfmiddlewaretoken=" .. args[2] .. "&occurred_on=" .. args[3] .. "&planned=1&next=%2F"
  contacts = rest(args, 4)
end

function request()
  local body = prefix .. "&kind=" .. kinds[math.random(#kinds)] ..
    "&participants=" .. contacts[math.random(#contacts)]
  return wrk.format("POST", "/encounters/log/", headers, body)
end
