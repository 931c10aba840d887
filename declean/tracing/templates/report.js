(function(){
const tools=document.getElementById('tools');tools.hidden=false;
const box=document.getElementById('filter'),only=document.getElementById('only-rejected');
function apply(){const q=box.value.toLowerCase(),r=only.checked;
 for(const p of document.querySelectorAll('#lineage .problem')){let any=false;
  for(const s of p.querySelectorAll('.sample')){
   const show=(!q||s.dataset.search.includes(q))&&(!r||s.querySelector('.step.rejected')!==null);
   s.hidden=!show;any=any||show;}
  p.hidden=!any;}}
box.addEventListener('input',apply);only.addEventListener('change',apply);
for(const [id,open] of [['expand',true],['collapse',false]]){
 document.getElementById(id).addEventListener('click',()=>{
  for(const d of document.querySelectorAll('#lineage details.problem'))d.open=open;});}
})();
