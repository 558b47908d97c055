(window.glossSearch ||= {})["index"] = {"documents":10,"longestWord":40,"words":["2"],"pairs":["2 in"],"chunks":[10]};
