// title: Same owner, same theme, same year
// answers: Owners that run two or more measures on the same theme in the same year (a risk of funding the same thing twice).
// param: year integer optional  Only this year

MATCH (o)-[:RUNS]->(m)-[:ADDRESSES]->(t)
WHERE o.name IS NOT NULL AND m.year IS NOT NULL AND t.code IS NOT NULL
  AND ($year IS NULL OR m.year = $year)
WITH o.name AS owner, m.year AS year, t.code AS theme, count(DISTINCT m) AS measures
WHERE measures >= 2
RETURN owner, year, theme, measures
ORDER BY owner, year, theme
