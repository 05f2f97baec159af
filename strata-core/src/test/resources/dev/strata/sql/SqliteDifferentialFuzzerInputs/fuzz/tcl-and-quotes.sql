SELECT $a(x;y) /* c */ AS v; SELECT [a;b], `c;d`, 'e;f';
