#!/usr/bin/env python3
"""Writes the recorded Ollama /api/chat streams the narrative tests replay (run it here to regenerate them).

The shape is Ollama's streaming chat answer (docs/api.md, "Generate a chat completion", streaming): one JSON object
per line, {"model", "created_at", "message": {"role": "assistant", "content": <chunk>}, "done": false}, and a final
object with "done": true, "done_reason" and the statistics in nanoseconds (total_duration, load_duration,
prompt_eval_count, prompt_eval_duration, eval_count, eval_duration), as in the Ollama responses of
../shared/corpus/public/ollama/. The answers quote facts of the generated sample folder's report (11 files: 5 csv,
4 json, 1 md, 1 txt; 8 folders; 23 variants of 3 models; 113 successful and 16 failed observations in 4 variants;
119.43 tok/s best mean throughput; 66.80 ms lowest median TTFT; 71.03 tok/s lowest mean throughput).
"""
import json
import re

MODEL = "gemma3"


def chunks(text):
    # Ollama streams about a token per line: split after spaces, keeping them, like "The", " folder", ...
    return [c for c in re.findall(r"\S+\s*|\s+", text)]


def stream(text, stats, created="2026-12-01T12:00:00.000000Z", final=True, extra_lines=()):
    lines = []
    for c in chunks(text):
        lines.append(json.dumps({"model": MODEL, "created_at": created,
                                 "message": {"role": "assistant", "content": c}, "done": False},
                                ensure_ascii=False))
    lines.extend(extra_lines)
    if final:
        done = {"model": MODEL, "created_at": created, "message": {"role": "assistant", "content": ""},
                "done_reason": "stop", "done": True}
        done.update(stats)
        lines.append(json.dumps(done))
    return "\n".join(lines) + "\n"


ANALYST = ("The folder holds 11 files (5 csv, 4 json, 1 md and 1 txt) in 8 folders [F1]. "
           "They describe 23 variants of 3 models with 113 successful observations [F3]. "
           "There are 16 failed observations in 4 variants [F1]. "
           "Memory use was not recorded, so that is a gap in the telemetry.")
WRITER = ("The best mean throughput is 119.43 tok/s, from llama3.2:3b-instruct-q4_K_M with num_ctx=4096 and "
          "num_gpu=999 (n=3) [F5]. The slowest variant, qwen2.5:7b-instruct-q4_K_M, reaches 71.03 tok/s. "
          "The lowest median time to first token is 66.80 ms, that is 0.0668 s [F6]. "
          "Offloading fewer layers (num_gpu=20) costs throughput, so keep every layer on the GPU.")
PLANTED = WRITER + " The median TTFT of the slowest variant is 412.5 ms."
SWITCH = (WRITER + " "
          "El rendimiento de la configuración más lenta es de 71.03 tok/s y la latencia es mayor. "
          "Это значит, что модель работает медленнее.")
STRAY = "僵死 " + ANALYST

STATS_A = {"total_duration": 2861543917, "load_duration": 1203194400, "prompt_eval_count": 1873,
           "prompt_eval_duration": 417790400, "eval_count": 96, "eval_duration": 1197787200}
STATS_B = {"total_duration": 5432109876, "load_duration": 2843100, "prompt_eval_count": 2011,
           "prompt_eval_duration": 398012300, "eval_count": 143, "eval_duration": 4987654321}

files = {
    "analyst_normal.ndjson": stream(ANALYST, STATS_A),
    "writer_normal.ndjson": stream(WRITER, STATS_B),
    "writer_planted.ndjson": stream(PLANTED, STATS_B),
    "writer_language_switch.ndjson": stream(SWITCH, STATS_B),
    "analyst_stray_tokens.ndjson": stream(STRAY, STATS_A),
    # Ollama's error object mid-stream (the runner died), then the stream ends.
    "error_mid_stream.ndjson": stream(ANALYST[:60], {}, final=False, extra_lines=[json.dumps(
        {"error": "an error was encountered while running the model: unexpected EOF"})]),
    # A line cut in the middle (a proxy that drops bytes), then the rest of the answer.
    "malformed_line.ndjson": stream(ANALYST, STATS_A, extra_lines=['{"model":"gemma3","created_at":"2026-12-01T1']),
    # The stream ends without its done: true object.
    "no_done.ndjson": stream(ANALYST, {}, final=False),
    # The first chunks, after which the server stalls (the test server stops sending).
    "stall.ndjson": stream("The folder holds", {}, final=False),
}
for name, text in files.items():
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)
