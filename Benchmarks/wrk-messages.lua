-- wrk script: real dialogue turns against POST /v1/messages. Each wrk thread has 1000 sessions of its
-- own (or as many as the first script argument says: `wrk ... -- 5000`), and each session walks a short conversation (open question, clarifying answer, the intake's
-- routing questions, a choice, stop), over and over. "stop" ends the conversation and the server
-- forgets the session, so the next message under that id starts a new one. The conversation is the
-- one of `routewijzer-bench line-load` and `request-path`.
--
-- The requests are formatted once, in init: the baseline's wrk sends one fixed request, and a load
-- client that builds each request in Lua would take CPU from the server on this shared machine.
local conversation = {
  "ik heb een vraag over zorg", "anders", "nee", "nee", "nee", "ik zorg voor iemand", "1", "ja", "stop",
}
local sessions = 1000
local threads = 0
local requests = {}
local counter = 0

-- Runs in the main state, once per thread: numbers the threads, so their sessions never meet.
function setup(thread)
  thread:set("thread", threads)
  threads = threads + 1
end

function init(args)
  sessions = tonumber(args[1]) or sessions
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  for _, text in ipairs(conversation) do
    for session = 1, sessions do
      local body = string.format('{"session":"w%d-%d","text":"%s"}', thread, session, text)
      requests[#requests + 1] = wrk.format(nil, "/v1/messages", nil, body)
    end
  end
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end
