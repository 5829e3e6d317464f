-- GET one of several paths at random, signed in.
-- wrk ... -s get.lua URL -- COOKIE page|htmx PATH [PATH ...]
dofile("common.lua")

function init(args)
  math.randomseed(id or 1)
  headers = { Cookie = args[1] }
  if args[2] == "htmx" then
    headers["HX-Request"] = "true"
  end
  paths = rest(args, 3)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
