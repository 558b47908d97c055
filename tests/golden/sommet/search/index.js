(window.glossSearch ||= {})["index"] = {"documents":9,"longestWord":40,"words":["000"],"pairs":["000 puits"],"chunks":[9]};
