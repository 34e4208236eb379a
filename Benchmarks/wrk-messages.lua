-- wrk script: real dialogue turns against POST /v1/messages. Each wrk thread has 1000 sessions of its
-- own, and each session walks a short conversation (open question, clarifying answer, the intake's
-- routing questions, a choice, stop); the next conversation uses a fresh session. The conversation
-- is the one of `routewijzer-bench line-load` and `request-path`.
local conversation = {
  "ik heb een vraag over zorg", "anders", "nee", "nee", "nee", "ik zorg voor iemand", "1", "ja", "stop",
}
local sessions = 1000
local threads = 0
local counter = 0

-- Runs in the main state, once per thread: numbers the threads, so their sessions never meet.
function setup(thread)
  thread:set("thread", threads)
  threads = threads + 1
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local session = counter % sessions
  local turn = math.floor(counter / sessions)
  counter = counter + 1
  local text = conversation[(turn % #conversation) + 1]
  local body = string.format('{"session":"w%d-%d-%d","text":"%s"}', thread, session, math.floor(turn / #conversation), text)
  return wrk.format(nil, "/v1/messages", nil, body)
end
