// title: Budget audit of measures
// answers: Measures whose stated total is not the owner's amount plus the university's amount, with the difference.

MATCH (m:Measure)-[:OF]->(p),
      (report)-[:DESCRIBES]->(p),
      (report)-[:SUBMITTED_BY]->(o)
WHERE m.name IS NOT NULL AND o.name IS NOT NULL
  AND m.ownerAmount IS NOT NULL AND m.uhAmount IS NOT NULL AND m.totalStated IS NOT NULL
  AND m.ownerAmount + m.uhAmount <> m.totalStated
RETURN o.name AS owner, m.year AS year, m.name AS measure,
       m.ownerAmount AS owner_amount, m.uhAmount AS uh_amount,
       m.totalStated AS total_stated,
       (m.ownerAmount + m.uhAmount) - m.totalStated AS difference
ORDER BY owner, year, measure
