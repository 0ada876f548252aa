// title: A university's portfolio
// answers: For one university (with its units) or one unit, every measure it delivers: the unit, the owner, the year, the scheme and the UH's amount.
// param: university string required  The name of a university or unit, e.g. "Nord universitet"

MATCH (top:Entity {name: $university})
MATCH (uh)-[:PART_OF*0..1]->(top)
MATCH (uh)-[:DELIVERS]->(m:Measure)-[:OF]->(p:Partnership),
      (report:NeedsReport)-[:DESCRIBES]->(p),
      (report)-[:SUBMITTED_BY]->(o)
WHERE m.uhAmount IS NOT NULL AND m.name IS NOT NULL AND o.name IS NOT NULL
  AND uh.name IS NOT NULL
OPTIONAL MATCH (s:Scheme)-[:FUNDS]->(m)
RETURN uh.name AS institution, o.name AS owner, m.year AS year, m.name AS measure,
       s.code AS scheme, m.uhAmount AS amount
ORDER BY institution, year, owner, measure
