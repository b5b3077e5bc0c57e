Console.WriteLine("load tests: not yet built");
