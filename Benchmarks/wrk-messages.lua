-- wrk script: real dialogue turns against POST /v1/messages. Each of 1000 sessions walks a short
-- conversation (open question, clarifying answer, the intake's routing questions, a choice, stop).
local conversation = {
  "ik heb een vraag over zorg", "anders", "nee", "nee", "nee", "ik zorg voor iemand", "1", "ja", "stop",
}
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local session = counter % 1000
  local round = math.floor(counter / 1000)
  local text = conversation[(round % #conversation) + 1]
  local body = string.format('{"session":"w%d-%d","text":"%s"}', session, math.floor(round / #conversation), text)
  return wrk.format(nil, "/v1/messages", nil, body)
end
